package io.usagebridge.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process SFTP server (Apache MINA SSHD) serving {@code rootDir} as {@code /} to every
 * user, on 127.0.0.1. Its host key is generated once into {@code hostKeyFile} and reused, so a
 * known_hosts written earlier stays valid across restarts.
 */
public final class SftpServerSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SftpServerSimulator.class);
    // EC P-256: JSch (com.github.mwiede, as Camel's sftp uses) accepts ecdsa-sha2-nistp256 host keys by default
    private static final String KEY_ALGORITHM = KeyUtils.EC_ALGORITHM;
    private static final int KEY_SIZE = 256;

    private final Path rootDir;
    private final Path hostKeyFile;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, List<PublicKey>> userKeys = new ConcurrentHashMap<>();
    private SshServer server;
    private PublicKey hostKey;

    public SftpServerSimulator(Path rootDir, Path hostKeyFile) {
        this.rootDir = rootDir;
        this.hostKeyFile = hostKeyFile;
    }

    public void addPasswordUser(String user, String password) {
        passwords.put(user, password);
    }

    public void addKeyUser(String user, PublicKey key) {
        userKeys.computeIfAbsent(user, name -> new CopyOnWriteArrayList<>()).add(key);
    }

    /** Lets {@code user} in with any key listed in an OpenSSH authorized_keys file. */
    public void addAuthorizedKeys(String user, Path authorizedKeysFile) throws IOException {
        List<AuthorizedKeyEntry> entries = AuthorizedKeyEntry.readAuthorizedKeys(authorizedKeysFile);
        try {
            for (PublicKey key : PublicKeyEntry.resolvePublicKeyEntries(null, entries, PublicKeyEntryResolver.FAILING)) {
                addKeyUser(user, key);
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("unreadable key in " + authorizedKeysFile, e);
        }
    }

    public synchronized void start(int port) throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started on port " + port());
        }
        Files.createDirectories(rootDir);
        if (hostKeyFile.getParent() != null) {
            Files.createDirectories(hostKeyFile.getParent());
        }
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
        hostKeys.setAlgorithm(KEY_ALGORITHM);
        hostKeys.setKeySize(KEY_SIZE);
        hostKey = loadHostKey(hostKeys);

        // an SshServer cannot be started twice, so every start builds a new one
        SshServer created = SshServer.setUpDefaultServer();
        created.setHost("127.0.0.1");
        created.setPort(port);
        created.setKeyPairProvider(hostKeys);
        created.setFileSystemFactory(new VirtualFileSystemFactory(rootDir.toAbsolutePath()));
        created.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        created.setPasswordAuthenticator((user, password, session) -> passwordMatches(user, password));
        created.setPublickeyAuthenticator((user, key, session) -> keyMatches(user, key));
        created.start();
        server = created;
        LOG.info("SFTP server simulator listening on 127.0.0.1:{}, root {}", port(), rootDir.toAbsolutePath());
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop(true);
        } catch (IOException e) {
            LOG.warn("SFTP server simulator did not stop cleanly", e);
        }
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getPort();
    }

    public Path rootDir() {
        return rootDir;
    }

    /** The server's public host key (known once started). */
    public synchronized PublicKey hostKey() {
        if (hostKey == null) {
            throw new IllegalStateException("not started");
        }
        return hostKey;
    }

    /**
     * The known_hosts line for this server as clients name it: {@code [host]:port keytype base64}
     * when the port is not 22, else {@code host keytype base64}. Use the same host string as the
     * client's endpoint URI, since clients match it literally.
     */
    public String knownHostsLine(String host) {
        int port = port();
        String hostPattern = port == 22 ? host : "[" + host + "]:" + port;
        return hostPattern + " " + PublicKeyEntry.toString(hostKey());
    }

    /** Writes {@link #knownHostsLine(String)} as the only entry of {@code file}. */
    public void writeKnownHosts(Path file, String host) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, knownHostsLine(host) + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Generates an EC P-256 client key pair and writes the private key unencrypted in OpenSSH
     * format (which JSch reads) to {@code privateKeyFile}, and the public key to
     * {@code privateKeyFile.pub} in authorized_keys form.
     */
    public static KeyPair generateClientKey(Path privateKeyFile) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Path absolute = privateKeyFile.toAbsolutePath();
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            try (OutputStream out = Files.newOutputStream(absolute)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "usagebridge-sandbox", null, out);
            }
            restrictToOwner(absolute);
            Files.writeString(absolute.resolveSibling(absolute.getFileName() + ".pub"),
                    PublicKeyEntry.toString(pair.getPublic()) + " usagebridge-sandbox\n", StandardCharsets.UTF_8);
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IOException("could not generate a client key", e);
        }
    }

    private static PublicKey loadHostKey(SimpleGeneratorHostKeyProvider hostKeys) throws IOException {
        // loading generates the key file on first use and reads it back afterwards
        List<KeyPair> pairs = new ArrayList<>();
        hostKeys.loadKeys(null).forEach(pairs::add);
        if (pairs.isEmpty()) {
            throw new IOException("no host key could be loaded or generated");
        }
        return pairs.get(0).getPublic();
    }

    private boolean passwordMatches(String user, String password) {
        String expected = passwords.get(user);
        return expected != null && password != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
    }

    private boolean keyMatches(String user, PublicKey key) {
        return userKeys.getOrDefault(user, List.of()).stream().anyMatch(known -> KeyUtils.compareKeys(known, key));
    }

    private static void restrictToOwner(Path file) throws IOException {
        // OpenSSH refuses private keys others can read; JSch does not care, but users copy these files
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}

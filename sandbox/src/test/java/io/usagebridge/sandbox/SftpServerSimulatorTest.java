package io.usagebridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Vector;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves the server with JSch, the client Camel's sftp component uses, checking host keys strictly. */
class SftpServerSimulatorTest {

    private static final String HOST = "localhost";
    private static final String USER = "usage";
    private static final String PASSWORD = "usage-test";
    private static final byte[] CSV = "ACCOUNT_ID,UOM,QTY,STARTDATE\nA00001,each,3,2024-09-01\n"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private Path root;
    private Path hostKeyFile;
    private Path knownHosts;
    private SftpServerSimulator server;

    @BeforeEach
    void startServer() throws Exception {
        root = dir.resolve("root");
        hostKeyFile = dir.resolve("keys/host-key");
        knownHosts = dir.resolve("client/known_hosts");
        server = new SftpServerSimulator(root, hostKeyFile);
        server.addPasswordUser(USER, PASSWORD);
        server.start(0);
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void passwordUserUploadsListsAndDownloadsWithStrictHostKeyChecking() throws Exception {
        server.writeKnownHosts(knownHosts, HOST);
        Session session = session(USER);
        session.setPassword(PASSWORD);
        session.connect(10_000);
        try {
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(10_000);
            sftp.mkdir("inbox");
            sftp.put(new ByteArrayInputStream(CSV), "/inbox/usage.csv");

            Vector<ChannelSftp.LsEntry> listing = sftp.ls("/inbox");
            ByteArrayOutputStream downloaded = new ByteArrayOutputStream();
            sftp.get("/inbox/usage.csv", downloaded);
            sftp.disconnect();

            assertTrue(listing.stream().anyMatch(entry -> entry.getFilename().equals("usage.csv")));
            assertArrayEquals(CSV, downloaded.toByteArray());
            assertArrayEquals(CSV, Files.readAllBytes(root.resolve("inbox/usage.csv")), "rootDir is the server's /");
        } finally {
            session.disconnect();
        }
    }

    @Test
    void changedHostKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String otherKey = PublicKeyEntry.toString(generator.generateKeyPair().getPublic());
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, "[" + HOST + "]:" + server.port() + " " + otherKey + "\n");
        Session session = session(USER);
        session.setPassword(PASSWORD);

        JSchException refused = assertThrows(JSchException.class, () -> session.connect(10_000));

        assertTrue(refused.getMessage().contains("HostKey has been changed"), refused.getMessage());
    }

    @Test
    void unknownHostIsRefused() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, "");
        Session session = session(USER);
        session.setPassword(PASSWORD);

        JSchException refused = assertThrows(JSchException.class, () -> session.connect(10_000));

        assertTrue(refused.getMessage().contains("reject HostKey"), refused.getMessage());
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        server.writeKnownHosts(knownHosts, HOST);
        Session session = session(USER);
        session.setPassword("not-the-password");

        JSchException refused = assertThrows(JSchException.class, () -> session.connect(10_000));

        assertTrue(refused.getMessage().contains("Auth fail"), refused.getMessage());
    }

    @Test
    void keyUserConnectsWithGeneratedPrivateKeyFile() throws Exception {
        Path privateKey = dir.resolve("client/id_ecdsa");
        KeyPair pair = SftpServerSimulator.generateClientKey(privateKey);
        server.addKeyUser("keyed", pair.getPublic());
        server.writeKnownHosts(knownHosts, HOST);

        assertEquals(List.of(), listRootWithKey("keyed", privateKey));
    }

    @Test
    void authorizedKeysFileGrantsAccess() throws Exception {
        Path privateKey = dir.resolve("client/id_ecdsa");
        SftpServerSimulator.generateClientKey(privateKey);
        server.addAuthorizedKeys("keyed", dir.resolve("client/id_ecdsa.pub"));
        server.writeKnownHosts(knownHosts, HOST);
        Files.write(root.resolve("waiting.csv"), CSV);

        assertEquals(List.of("waiting.csv"), listRootWithKey("keyed", privateKey));
    }

    @Test
    void hostKeyIsKeptAcrossRestarts() throws Exception {
        String before = server.knownHostsLine(HOST);
        server.stop();
        server = new SftpServerSimulator(root, hostKeyFile);
        server.addPasswordUser(USER, PASSWORD);
        server.start(0);
        String after = server.knownHostsLine(HOST);

        assertTrue(before.startsWith("[localhost]:"), before);
        assertTrue(after.startsWith("[localhost]:" + server.port() + " ecdsa-sha2-nistp256 "), after);
        assertEquals(before.substring(before.indexOf(' ')), after.substring(after.indexOf(' ')));
    }

    private Session session(String user) throws JSchException {
        JSch jsch = new JSch();
        jsch.setKnownHosts(knownHosts.toString());
        Session session = jsch.getSession(user, HOST, server.port());
        session.setConfig("StrictHostKeyChecking", "yes");
        return session;
    }

    private List<String> listRootWithKey(String user, Path privateKey) throws Exception {
        JSch jsch = new JSch();
        jsch.setKnownHosts(knownHosts.toString());
        jsch.addIdentity(privateKey.toString());
        Session session = jsch.getSession(user, HOST, server.port());
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "publickey");
        session.connect(10_000);
        try {
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(10_000);
            Vector<ChannelSftp.LsEntry> listing = sftp.ls("/");
            sftp.disconnect();
            return listing.stream().map(ChannelSftp.LsEntry::getFilename)
                    .filter(name -> !name.equals(".") && !name.equals("..")).sorted().toList();
        } finally {
            session.disconnect();
        }
    }
}

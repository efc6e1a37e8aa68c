package io.usagebridge.karaf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * A Karaf of one test class's own: a fresh copy of the distribution the build unpacked, on free ports, with an SSH
 * key for the shell (Karaf 4.4 ships without a login user), run as {@code bin/karaf server} and stopped with
 * {@code bin/stop}. The shell is reached with Apache MINA SSHD's client, so CI needs no ssh binary.
 */
final class KarafInstance implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    final Path home;
    final int sshPort;
    private final KeyPair shellKey;
    private final SshClient ssh;
    private Process process;

    private KarafInstance(Path home, int sshPort, KeyPair shellKey) {
        this.home = home;
        this.sshPort = sshPort;
        this.shellKey = shellKey;
        this.ssh = SshClient.setUpDefaultClient();
        // our own Karaf on localhost, with a host key it made a moment ago: nothing to check it against
        ssh.setServerKeyVerifier((session, address, key) -> true);
        ssh.start();
    }

    /** Copies the unpacked distribution to {@code home} (replacing an earlier run's) and sets ports and the key. */
    static KarafInstance copyOf(Path distribution, Path home) throws Exception {
        deleteTree(home);
        copyTree(distribution, home);
        for (String script : List.of("karaf", "start", "stop", "status", "client", "shell", "inc", "setenv")) {
            Path file = home.resolve("bin").resolve(script);
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        int sshPort = freePort();
        setKeys(home.resolve("etc/org.apache.karaf.shell.cfg"), Map.of("sshPort", sshPort, "sshHost", "127.0.0.1"));
        setKeys(home.resolve("etc/org.apache.karaf.management.cfg"),
                Map.of("rmiRegistryPort", freePort(), "rmiServerPort", freePort()));

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        // keys.properties wants the base64 blob of the OpenSSH public key, then the user's groups
        String blob = PublicKeyEntry.toString(key.getPublic()).split(" ")[1];
        Files.writeString(home.resolve("etc/keys.properties"), "\nkaraf=" + blob + ",_g_:admingroup\n",
                StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
        return new KarafInstance(home, sshPort, key);
    }

    /** Puts an artifact into Karaf's system/ repository, where mvn: URLs resolve without any network. */
    void addToSystemRepository(Path file, String groupId, String artifactId, String version, String classifier,
            String type) throws IOException {
        Path dir = home.resolve("system").resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version);
        Files.createDirectories(dir);
        String name = artifactId + "-" + version + (classifier == null ? "" : "-" + classifier) + "." + type;
        Files.copy(file, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    Path etc() {
        return home.resolve("etc");
    }

    void start(Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("karaf.out").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        process = builder.start();
        // should this JVM die before close(), Karaf must not outlive it (it would hold its ports and files)
        Process karaf = process;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            karaf.descendants().forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
        }));
    }

    /** Runs one command in Karaf's shell; throws with Karaf's output when the command fails. */
    String shell(String command) throws IOException {
        try (ClientSession session = ssh.connect("karaf", "127.0.0.1", sshPort).verify(Duration.ofSeconds(10))
                .getSession()) {
            session.addPublicKeyIdentity(shellKey);
            session.auth().verify(Duration.ofSeconds(10));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ChannelExec channel = session.createExecChannel(command + "\n")) {
                channel.setOut(out);
                channel.setErr(out);
                channel.open().verify(Duration.ofSeconds(10));
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), COMMAND_TIMEOUT);
                String output = out.toString(StandardCharsets.UTF_8);
                Integer status = channel.getExitStatus();
                if ((status != null && status != 0) || output.contains("Error executing command")) {
                    throw new IOException("'" + command + "' failed (exit " + status + "): " + output);
                }
                return output;
            }
        }
    }

    /** True once the shell answers with Karaf's feature commands registered. */
    boolean shellReady() {
        try {
            return shell("feature:list -i").contains("ssh");
        } catch (Exception notYet) {
            return false;
        }
    }

    String log() {
        Path log = home.resolve("data/log/karaf.log");
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The end of karaf.log, for a failure message. */
    String logTail() {
        String log = log();
        return log.length() <= 12_000 ? log : log.substring(log.length() - 12_000);
    }

    @Override
    public void close() throws Exception {
        try {
            if (process != null && process.isAlive()) {
                Process stop = new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile())
                        .redirectErrorStream(true).redirectOutput(home.resolve("stop.out").toFile()).start();
                stop.waitFor(60, TimeUnit.SECONDS);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            ssh.stop();
        }
    }

    private static void setKeys(Path cfg, Map<String, Object> values) throws IOException {
        String text = Files.readString(cfg, StandardCharsets.ISO_8859_1);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Matcher m = Pattern.compile("(?m)^" + e.getKey() + "\\s*=.*$").matcher(text);
            if (!m.find()) {
                throw new IllegalStateException(e.getKey() + " not found in " + cfg);
            }
            text = m.replaceFirst(Matcher.quoteReplacement(e.getKey() + " = " + e.getValue()));
        }
        Files.writeString(cfg, text, StandardCharsets.ISO_8859_1);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}

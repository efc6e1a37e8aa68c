package io.usagebridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxServersTest {

    @TempDir
    Path dir;

    @Test
    void startsEverySimulatorOnFreePortsAndStopsThemTogether() throws Exception {
        SandboxSettings settings = SandboxSettings.builder()
                .sftpRoot(dir.resolve("sftp"))
                .sftpHostKeyFile(dir.resolve("sftp-host-key"))
                .twoCheckoutAccount("SECONDMERCHANT", "second-key")
                .build();
        int twoCheckoutPort;
        int sftpPort;
        try (SandboxServers servers = SandboxServers.start(settings)) {
            twoCheckoutPort = servers.twoCheckout().port();
            sftpPort = servers.sftp().port();

            assertEquals("1", uploadToTwoCheckout(servers.twoCheckout().url(),
                    SandboxSettings.DEFAULT_MERCHANT, SandboxSettings.DEFAULT_SECRET_KEY));
            assertEquals("1", uploadToTwoCheckout(servers.twoCheckout().url(), "SECONDMERCHANT", "second-key"));
            assertEquals(List.of(), listSftpRoot(servers.sftp(), settings));
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", twoCheckoutPort).close());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", sftpPort).close());
    }

    @Test
    void sftpCanBeLeftOut() throws Exception {
        SandboxSettings settings = SandboxSettings.builder().sftpEnabled(false).build();
        try (SandboxServers servers = SandboxServers.start(settings)) {
            assertFalse(servers.sftpEnabled());
            assertThrows(IllegalStateException.class, servers::sftp);
            assertTrue(servers.twoCheckout().port() > 0);
        }
    }

    private static String uploadToTwoCheckout(String url, String merchant, String secret) throws Exception {
        byte[] csv = "SubscriptionRef,Units\r\nS1,4\r\n".getBytes(StandardCharsets.UTF_8);
        String md5 = GeneratedContent.md5(csv);
        byte[] body = new MultipartBodyWriter()
                .field("merchant", merchant)
                .field("secret_key", secret)
                .field("file_MD5", md5)
                .field("hash", TwoCheckoutHmac.hash(secret, List.of(merchant, secret, md5)))
                .file("file", "usage.csv", csv)
                .finish();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", MultipartBodyWriter.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private List<String> listSftpRoot(SftpServerSimulator sftp, SandboxSettings settings) throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        sftp.writeKnownHosts(knownHosts, "localhost");
        JSch jsch = new JSch();
        jsch.setKnownHosts(knownHosts.toString());
        Session session = jsch.getSession(settings.sftpUser(), "localhost", sftp.port());
        session.setPassword(settings.sftpPassword());
        session.setConfig("StrictHostKeyChecking", "yes");
        session.connect(10_000);
        try {
            ChannelSftp channel = (ChannelSftp) session.openChannel("sftp");
            channel.connect(10_000);
            List<String> names = channel.ls("/").stream().map(ChannelSftp.LsEntry::getFilename)
                    .filter(name -> !name.equals(".") && !name.equals("..")).toList();
            channel.disconnect();
            return names;
        } finally {
            session.disconnect();
        }
    }
}

package io.usagebridge.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server in the test process (GreenMail) on a port fixed for the test class, so it can go down and
 * come back where the app's configuration points: {@link #stop()} refuses every connection, {@link #start()} takes
 * mail again (a fresh mailbox).
 */
final class TestSmtpServer implements AutoCloseable {

    static final String LOGIN = "usagebridge";

    private final int port = freePort();
    private final String password;
    private GreenMail server;

    TestSmtpServer(String password) {
        this.password = password;
    }

    int port() {
        return port;
    }

    synchronized void start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        server.setUser("alerts@usagebridge.example.com", LOGIN, password);
    }

    synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** What this server took since its start. */
    synchronized List<MimeMessage> received() {
        return server == null ? List.of() : List.of(server.getReceivedMessages());
    }

    /** The whole message as the receiver's client would see it: headers and body. */
    static String whole(MimeMessage message) {
        return GreenMailUtil.getWholeMessage(message);
    }

    static String body(MimeMessage message) {
        return GreenMailUtil.getBody(message);
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.usagebridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulators' opt-in https mode: a self-signed certificate, refused unless the client trusts it. */
class SimulatorHttpsTest {

    @TempDir
    static Path dir;

    private static SelfSignedKeyStores stores;
    private HttpMultipartReceiverSimulator receiver;

    @BeforeAll
    static void makeCertificate() throws Exception {
        stores = SelfSignedKeyStores.in(dir.resolve("tls"), "sandbox-tls");
    }

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop();
        }
    }

    @Test
    void aClientTrustingTheSandboxCertificateIsServedOverHttps() throws Exception {
        receiver = new HttpMultipartReceiverSimulator();
        receiver.serveHttps(stores.serverContext());
        receiver.start(0);
        assertTrue(receiver.baseUrl().startsWith("https://localhost:"), receiver.baseUrl());
        HttpResponse<String> state = client(trusting()).send(HttpRequest.newBuilder(
                URI.create(receiver.baseUrl() + SimulatorServer.STATE_PATH)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, state.statusCode());
    }

    @Test
    void aClientWithTheJdkDefaultTrustStoreIsRefusedBeforeAnyRequestArrives() throws Exception {
        receiver = new HttpMultipartReceiverSimulator();
        receiver.serveHttps(stores.serverContext());
        receiver.start(0);
        HttpRequest upload = HttpRequest.newBuilder(URI.create(receiver.url()))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build();
        assertThrows(SSLHandshakeException.class,
                () -> client(SSLContext.getDefault()).send(upload, HttpResponse.BodyHandlers.ofString()));
        assertEquals(0, receiver.requestCount());
    }

    @Test
    void plainHttpStaysTheDefault() throws Exception {
        receiver = new HttpMultipartReceiverSimulator();
        receiver.start(0);
        assertTrue(receiver.baseUrl().startsWith("http://localhost:"), receiver.baseUrl());
    }

    @Test
    void theStoresAreMadeOnceAndReused() throws Exception {
        long made = Files.getLastModifiedTime(stores.trustStore()).toMillis();
        SelfSignedKeyStores again = SelfSignedKeyStores.in(dir.resolve("tls"), "sandbox-tls");
        assertEquals(made, Files.getLastModifiedTime(again.trustStore()).toMillis());
    }

    private static SSLContext trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(stores.trustStore())) {
            trust.load(in, stores.password().toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static HttpClient client(SSLContext tls) {
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }
}

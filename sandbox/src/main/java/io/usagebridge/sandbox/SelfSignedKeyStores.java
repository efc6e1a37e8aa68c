package io.usagebridge.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made by the JDK's own {@code keytool} (no
 * library, nothing committed): the server's key store, for {@link SimulatorServer#serveHttps}, and a trust store
 * holding only its certificate, for a client that is told to trust it. Valid for 100 years, so a folder made once
 * never goes stale. Both are PKCS12 with the same password.
 *
 * @param serverKeyStore the key pair and certificate the simulators serve
 * @param trustStore     the certificate alone: what a client's trust store must hold
 * @param password       of both stores (and of the key)
 */
public record SelfSignedKeyStores(Path serverKeyStore, Path trustStore, String password) {

    private static final String ALIAS = "sandbox";
    private static final String VALIDITY_DAYS = String.valueOf(100 * 366);

    /** Makes both stores in {@code folder} (created if missing), or reuses those already there. */
    public static SelfSignedKeyStores in(Path folder, String password) throws IOException {
        Files.createDirectories(folder);
        SelfSignedKeyStores stores = new SelfSignedKeyStores(folder.resolve("sandbox-server.p12"),
                folder.resolve("sandbox-trust.p12"), password);
        if (!Files.exists(stores.trustStore())) {
            stores.generate(folder);
        }
        return stores;
    }

    /** An SSLContext serving the certificate, for {@link SimulatorServer#serveHttps}. */
    public SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(serverKeyStore)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, password.toCharArray());
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load " + serverKeyStore + ": " + e.getMessage(), e);
        }
    }

    private void generate(Path folder) throws IOException {
        Path certificate = folder.resolve("sandbox.crt");
        Files.deleteIfExists(serverKeyStore);
        keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost, O=UsageBridge sandbox", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", VALIDITY_DAYS, "-storetype", "PKCS12", "-keystore", serverKeyStore.toString(),
                "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", serverKeyStore.toString(), "-storepass", password,
                "-file", certificate.toString());
        // written under another name, then moved: a reader never sees half a trust store
        Path partial = folder.resolve("sandbox-trust.p12.part");
        Files.deleteIfExists(partial);
        keytool("-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", partial.toString(), "-storepass", password);
        Files.move(partial, trustStore);
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + arguments[0] + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
    }
}

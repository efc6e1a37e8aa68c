package io.usagebridge.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.config.TargetConfig;

/**
 * The certificates a target's https connections trust: {@code target.<id>.trust-store} (a PKCS12 or JKS file) with
 * {@code target.<id>.trust-store-password} (a secret, by reference), or, when unset, the JDK's default trust store.
 * A configured store replaces the JDK's: the target's server must be signed by a certificate in it. Per target, not
 * global, so trusting one receiver's private CA never widens what another target's connections accept. Either way
 * a refused certificate names the target and the server ({@link UntrustedCertificateException}).
 *
 * <p>Every configured target gets one {@link SSLContextParameters} bean, named by its id, that each of its endpoints
 * names ({@link #OPTION} in a template's URI, {@link #DYNAMIC_OPTION} in a route several targets share): camel-http
 * and camel-cxf both take it as {@code sslContextParameters}.
 */
public final class TargetTrust {

    public static final String STORE_KEY = "trust-store";
    public static final String PASSWORD_KEY = "trust-store-password";
    private static final String BEAN_PREFIX = "usagebridgeTls-";

    /** The endpoint option of a route template's own target ({@code {{target}}} is the template's parameter). */
    public static final String OPTION = "sslContextParameters=#" + BEAN_PREFIX + "{{target}}";

    /** The endpoint option of a route shared by several targets, for a {@code toD}: the exchange's target's bean. */
    public static final String DYNAMIC_OPTION = "sslContextParameters=#" + BEAN_PREFIX
            + "${exchangeProperty." + ExchangeKeys.TARGET + "}";

    private TargetTrust() {
    }

    /**
     * Adds to {@code block} the call of a route several targets share, to {@code httpUri} with the exchange's target's
     * trust: one endpoint per target. Not optimised into one endpoint with the path in a header (camel-http's
     * dynamic-send optimisation), which would change the address the route set in {@code CamelHttpUri}.
     */
    public static void send(ProcessorDefinition<?> block, String httpUri) {
        block.toD().uri(httpUri + "&" + DYNAMIC_OPTION).allowOptimisedComponents(false);
    }

    /** The endpoint option of target {@code targetId}, for a URI built in Java (e.g. Zuora's token endpoint). */
    public static String option(String targetId) {
        return "sslContextParameters=#" + beanName(targetId);
    }

    public static String beanName(String targetId) {
        return BEAN_PREFIX + targetId;
    }

    /** Binds every target's trust; call after {@link #problem} found none. */
    public static void bindAll(CamelContext context, Collection<TargetConfig> targets) {
        for (TargetConfig target : targets) {
            context.getRegistry().bind(beanName(target.id()), parameters(context, target));
        }
    }

    /** The target's TLS settings: its trust store's certificates, or the JDK's default ones when none is set. */
    static SSLContextParameters parameters(CamelContext context, TargetConfig target) {
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setCamelContext(context);
        trust.setTrustManager(new NamingTrustManager(target.id(), trustManager(target)));
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setCamelContext(context);
        parameters.setTrustManagers(trust);
        return parameters;
    }

    /** The JDK's trust manager over the target's store (null: the JDK's default store, cacerts). */
    private static X509ExtendedTrustManager trustManager(TargetConfig target) {
        try {
            KeyStore store = target.settings().get(STORE_KEY).isPresent() ? load(target) : null;
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK offers no X509 trust manager");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(problem(target).orElse("target." + target.id() + "." + STORE_KEY
                    + ": " + e.getMessage()), e);
        }
    }

    private static KeyStore load(TargetConfig target) throws IOException, GeneralSecurityException {
        // the default type (PKCS12) also reads JKS files
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(Path.of(target.settings().get(STORE_KEY).orElseThrow()))) {
            store.load(in, target.settings().get(PASSWORD_KEY, "").toCharArray());
        }
        return store;
    }

    /**
     * Why the target's trust store cannot be used (missing, unreadable, wrong password, holds no certificate), in one
     * line naming the key and never the password; empty when it can, or when none is configured.
     */
    public static Optional<String> problem(TargetConfig target) {
        Optional<String> store = target.settings().get(STORE_KEY);
        if (store.isEmpty()) {
            return Optional.empty();
        }
        String key = "target." + target.id() + "." + STORE_KEY;
        Path file = Path.of(store.get());
        if (!Files.isReadable(file)) {
            return Optional.of(key + " = " + store.get() + ": no readable file there");
        }
        try {
            KeyStore keyStore = load(target);
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isCertificateEntry(alias) || keyStore.getCertificate(alias) != null) {
                    return Optional.empty();
                }
            }
            return Optional.of(key + " = " + store.get() + " holds no certificate to trust");
        } catch (IOException | GeneralSecurityException e) {
            // the JDK's message names the format or a wrong password, never the password itself
            return Optional.of(key + " = " + store.get() + " cannot be read as a PKCS12 or JKS trust store ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "): check the file and target."
                    + target.id() + "." + PASSWORD_KEY);
        }
    }
}

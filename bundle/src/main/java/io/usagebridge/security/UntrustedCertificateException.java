package io.usagebridge.security;

import java.security.cert.CertificateException;

/**
 * A target's server showed a certificate its trust does not accept: thrown by {@link NamingTrustManager} during the
 * TLS handshake, before any byte of a request is sent. The JDK keeps it as the cause of its handshake failure, so
 * the classifier can tell an untrusted server from an unreachable one, and name the server.
 */
public final class UntrustedCertificateException extends CertificateException {

    private final String target;
    private final String server;

    /**
     * @param target the target id whose trust refused the certificate
     * @param server {@code host:port} of the server that showed it
     * @param cause  the JDK's own refusal (no path to a trusted certificate, expired, ...)
     */
    public UntrustedCertificateException(String target, String server, CertificateException cause) {
        super("the TLS certificate of " + server + " is not trusted by target " + target + " ("
                + rootMessage(cause) + ")", cause);
        this.target = target;
        this.server = server;
    }

    public String target() {
        return target;
    }

    public String server() {
        return server;
    }

    /** The innermost message: "unable to find valid certification path ...", not the chain of class names. */
    private static String rootMessage(Throwable thrown) {
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

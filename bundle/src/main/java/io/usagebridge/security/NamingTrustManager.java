package io.usagebridge.security;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A target's trust manager (its trust store's, or the JDK's default one) that names what it refused: a server's
 * certificate that does not pass becomes an {@link UntrustedCertificateException} with the target and the server's
 * {@code host:port}. The decision itself is the delegate's, unchanged (host name checks included).
 */
final class NamingTrustManager extends X509ExtendedTrustManager {

    private final String target;
    private final X509ExtendedTrustManager delegate;

    NamingTrustManager(String target, X509ExtendedTrustManager delegate) {
        this.target = target;
        this.delegate = delegate;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException refused) {
            throw new UntrustedCertificateException(target, server(socket), refused);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException refused) {
            throw new UntrustedCertificateException(target, engine == null || engine.getPeerHost() == null
                    ? "the server" : engine.getPeerHost() + ":" + engine.getPeerPort(), refused);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException refused) {
            throw new UntrustedCertificateException(target, "the server", refused);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    /** {@code host:port} as the client named it (no reverse lookup). */
    private static String server(Socket socket) {
        if (socket == null || socket.getInetAddress() == null) {
            return "the server";
        }
        String host = socket instanceof SSLSocket ssl && ssl.getHandshakeSession() != null
                && ssl.getHandshakeSession().getPeerHost() != null ? ssl.getHandshakeSession().getPeerHost()
                : socket.getInetAddress().getHostAddress();
        return host + ":" + socket.getPort();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}

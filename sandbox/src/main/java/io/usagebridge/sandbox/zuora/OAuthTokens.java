package io.usagebridge.sandbox.zuora;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** OAuth 2 client-credentials clients and the bearer tokens issued to them. */
final class OAuthTokens {

    /** Zuora answers {@code expires_in: 3599}: a token lives just under an hour. */
    static final long EXPIRES_IN_SECONDS = 3599;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** An issued token. */
    record Token(String accessToken, String clientId, String jti, Instant expiresAt) {
    }

    private final Map<String, String> secretsByClient = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    void addClient(String clientId, String clientSecret) {
        secretsByClient.put(clientId, clientSecret);
    }

    boolean validClient(String clientId, String clientSecret) {
        String secret = clientId == null ? null : secretsByClient.get(clientId);
        return secret != null && secret.equals(clientSecret);
    }

    Token issue(String clientId, Instant now) {
        Token token = new Token(hex(16), clientId, hex(16), now.plus(Duration.ofSeconds(EXPIRES_IN_SECONDS)));
        tokens.put(token.accessToken(), token);
        return token;
    }

    /** The live token with this value, or null when unknown, expired or revoked. */
    Token valid(String accessToken, Instant now) {
        Token token = accessToken == null ? null : tokens.get(accessToken);
        return token == null || !now.isBefore(token.expiresAt()) ? null : token;
    }

    /** Every token issued so far stops working; tokens issued later work. */
    void expireAll() {
        tokens.clear();
    }

    static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}

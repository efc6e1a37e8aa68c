package io.usagebridge.app.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token an action must carry in {@code X-CSRF-Token}: an HMAC of the logged-in user's name under a key of this
 * app. The page reads it from {@code GET /api/session} (a request another site cannot read), so a page elsewhere that
 * makes the browser post with the user's cookie or cached Basic login has no token to send.
 */
@ApplicationScoped
public class CsrfTokens {

    public static final String HEADER = "X-CSRF-Token";

    @Inject
    ConsoleConfig config;

    private volatile byte[] key;

    public String tokenFor(String user) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(user.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean valid(String user, String token) {
        return token != null && MessageDigest.isEqual(tokenFor(user).getBytes(StandardCharsets.US_ASCII),
                token.trim().getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = config.csrfKey().map(b -> Base64.getDecoder().decode(b.trim())).orElseGet(() -> {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                return random;
            });
            if (k.length < 32) {
                throw new IllegalStateException("usagebridge.console.csrf-key needs 32 bytes or more (base64)");
            }
            key = k;
        }
        return k;
    }
}

package io.usagebridge.app.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A console password as configuration holds it: {@code pbkdf2-sha256:<iterations>:<salt>:<hash>} (salt and hash in
 * base64), made by {@code java -jar quarkus-run.jar hash-password}. PBKDF2 with HMAC-SHA256 is in every JDK; the
 * iteration count travels with the hash, so a stronger one can be chosen later without breaking existing users.
 */
public final class PasswordHash {

    static final String SCHEME = "pbkdf2-sha256";
    /** OWASP's figure for PBKDF2-HMAC-SHA256 (2023). */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Reads a configured hash; a malformed one is refused with what is wrong, never with the value. */
    public static PasswordHash parse(String encoded) {
        String[] parts = encoded == null ? new String[0] : encoded.trim().split(":");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            throw new IllegalArgumentException("a password hash reads " + SCHEME + ":<iterations>:<salt>:<hash> "
                    + "(make one with: java -jar quarkus-run.jar hash-password)");
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            if (iterations < 10_000) {
                throw new IllegalArgumentException("a password hash needs at least 10000 iterations");
            }
            return new PasswordHash(iterations, part(parts[2], "salt"), part(parts[3], "hash"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iterations of a password hash are a number");
        }
    }

    /** A salt or hash in base64; the decoder's own message would quote a character of the value. */
    private static byte[] part(String base64, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " of a password hash is not base64");
        }
        // an empty salt fails PBKDF2 at the login; a hash of another length never matches
        if (bytes.length == 0 || "hash".equals(what) && bytes.length != HASH_BITS / 8) {
            throw new IllegalArgumentException("the " + what + " of a password hash has the wrong length");
        }
        return bytes;
    }

    public static String hash(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return SCHEME + ":" + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(derive(password, salt, iterations));
    }

    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    /** A stand-in for an unknown user: checked at the same cost, so a login does not tell which users exist. */
    static PasswordHash decoy() {
        return new PasswordHash(DEFAULT_ITERATIONS, "usagebridge-decoy".getBytes(StandardCharsets.UTF_8),
                new byte[HASH_BITS / 8]);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }
}

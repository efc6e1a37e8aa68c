package io.usagebridge.app.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A console password's hash, as hash-password prints it and configuration holds it. */
class PasswordHashTest {

    /** The fewest iterations parse takes: keeps the test quick. */
    private static final int ITERATIONS = 10_000;

    @Test
    void aHashMatchesItsPasswordOnly() {
        String encoded = PasswordHash.hash("correct horse battery".toCharArray(), ITERATIONS);
        assertTrue(encoded.startsWith("pbkdf2-sha256:10000:"), encoded);
        PasswordHash hash = PasswordHash.parse(encoded);
        assertTrue(hash.matches("correct horse battery".toCharArray()));
        assertFalse(hash.matches("correct horse battery ".toCharArray()));
        assertFalse(hash.matches("Correct horse battery".toCharArray()));
        assertFalse(hash.matches(new char[0]));
    }

    @Test
    void theSameHashIsReadWithSurroundingBlanksAndEachHashHasItsOwnSalt() {
        String first = PasswordHash.hash("same password".toCharArray(), ITERATIONS);
        String second = PasswordHash.hash("same password".toCharArray(), ITERATIONS);
        assertNotEquals(first, second, "a random salt each time");
        assertTrue(PasswordHash.parse("  " + second + "\n").matches("same password".toCharArray()));
    }

    @Test
    void theDecoyOfAnUnknownUserMatchesNothing() {
        assertFalse(PasswordHash.decoy().matches("".toCharArray()));
        assertFalse(PasswordHash.decoy().matches("usagebridge-decoy".toCharArray()));
    }

    /** Each holds "s3cr3t" where a person may have pasted a password: never repeated in the message. */
    @ParameterizedTest
    @ValueSource(strings = {"s3cr3t", "plain:s3cr3t", "md5:10000:s3cr3t:s3cr3t", "pbkdf2-sha256:s3cr3t:AAAA:AAAA",
            "pbkdf2-sha256:1000:AAAA:s3cr3t", "pbkdf2-sha256:10000:s3cr3t!:AAAA", "pbkdf2-sha256:10000:AAAA:s3cr3t*",
            "pbkdf2-sha256:10000::s3cr3tAA", "pbkdf2-sha256:10000:AAAA:s3cr3t:extra", "pbkdf2-sha256:99999999999:A:B"})
    void aMalformedHashIsRefusedWithoutItsValue(String encoded) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PasswordHash.parse(encoded));
        assertFalse(refused.getMessage().contains("s3cr3t"), refused.getMessage());
        assertTrue(refused.getMessage().contains("password hash"), refused.getMessage());
    }

    @Test
    void noHashAtAllIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(null));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(""));
    }
}

package io.usagebridge.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnsafeFileNamesTest {

    @Test
    void controlCharactersAndLineSeparatorsAreUnsafeAndEscapedOnOneLine() {
        assertTrue(UnsafeFileNames.unsafe("a\nb.csv"));
        assertTrue(UnsafeFileNames.unsafe("a\u0085b.csv"));
        assertTrue(UnsafeFileNames.unsafe("a\u2028b.csv"));
        assertFalse(UnsafeFileNames.unsafe("usage-2026-11 ünïcode.csv"));
        assertEquals("a\\nb\\r\\t\\u0007\\u2028\\\"c\\\\.csv",
                UnsafeFileNames.escaped("a\nb\r\t\u0007\u2028\"c\\.csv"));
    }
}

package io.usagebridge.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class LocalFileNamesTest {

    @Test
    void aNameThatFitsIsKept() {
        assertEquals("usage.part-001-of-002.csv", LocalFileNames.fit("usage", ".part-001-of-002.csv"));
    }

    @Test
    void aNameOverTheLimitKeepsItsEndAndStaysApartFromItsNeighbours() {
        String a = LocalFileNames.fit("ü".repeat(130) + "a", ".error.json");
        String b = LocalFileNames.fit("ü".repeat(130) + "b", ".error.json");

        assertTrue(a.getBytes(StandardCharsets.UTF_8).length <= LocalFileNames.MAX_BYTES, a);
        assertTrue(a.endsWith(".error.json") && a.startsWith("üü"), a);
        assertNotEquals(a, b);
    }
}

package io.usagebridge.targets.zuora.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.usagebridge.targets.zuora.ZuoraFileNames;

class ZuoraSoapFileNamesTest {

    @Test
    void shortSafeNameIsKept() {
        assertEquals("usage-2026-11.csv", ZuoraFileNames.mimeName("usage-2026-11.csv"));
        assertEquals("usage.part-002-of-003.zip", ZuoraFileNames.mimeName("usage.part-002-of-003.zip"));
    }

    @Test
    void longNameIsCutUnderFiftyKeepingPartAndExtension() {
        String name = "usage-export-for-tenant-acme-corporation-emea-2026-11-full-month.part-002-of-003.zip";

        String mime = ZuoraFileNames.mimeName(name);

        assertTrue(mime.length() < 50, mime + " has " + mime.length() + " characters");
        assertTrue(mime.startsWith("usage-export-"), mime);
        assertTrue(mime.endsWith(".part-002-of-003.zip"), mime);
    }

    @Test
    void twoLongNamesWithTheSamePrefixStayApart() {
        String prefix = "usage-export-for-tenant-acme-corporation-emea-2026-11-";
        assertNotEquals(ZuoraFileNames.mimeName(prefix + "first.csv"), ZuoraFileNames.mimeName(prefix + "second.csv"));
    }

    @Test
    void characterUnsafeInAMimeTokenBecomesUnderscore() {
        assertEquals("usage_Nov_2026__Z_rich_.csv", ZuoraFileNames.mimeName("usage Nov 2026 (Zürich).csv"));
    }

    @Test
    void importNameKeepsTheSourceNameCutToOneHundred() {
        String long120 = "u".repeat(116) + ".csv";

        assertEquals("usage.csv", ZuoraFileNames.importName("usage.csv", 1, 1));
        assertEquals(100, ZuoraFileNames.importName(long120, 1, 1).length());
        assertEquals("usage.csv (part 2 of 3)", ZuoraFileNames.importName("usage.csv", 2, 3));
        String part = ZuoraFileNames.importName(long120, 2, 3);
        assertEquals(100, part.length());
        assertTrue(part.endsWith(" (part 2 of 3)"), part);
    }
}

package io.usagebridge.targets.zuora.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The ZOQL of a lookup: every value escaped or refused, the dateTime with its offset. */
class ZuoraSoapFindImportTest {

    private static final String MD5 = "0123456789abcdef0123456789ABCDEF";
    private static final Instant SINCE = Instant.parse("2026-12-02T10:15:30.987Z");

    @Test
    void zoqlSelectsWhatALookupNeedsAndFiltersByNameMd5AndCreatedSince() {
        assertEquals("select Id, CreatedDate, Name, Md5, Status, StatusReason, TotalCount, ImportedCount, "
                + "ResultResourceUrl from Import where Name = 'usage.csv' and Md5 = '" + MD5 + "' and CreatedDate >= "
                + "'2026-12-02T10:15:30+00:00'", new ZuoraSoapRequest.FindImport("usage.csv", MD5, SINCE).zoql());
    }

    @Test
    void quotesAndBackslashesInTheNameAreEscaped() {
        String zoql = new ZuoraSoapRequest.FindImport("O'Brien \\ 'usage'.csv", MD5, SINCE).zoql();

        assertEquals("Name = 'O\\'Brien \\\\ \\'usage\\'.csv'", zoql.substring(zoql.indexOf("Name = "),
                zoql.indexOf(" and Md5")));
    }

    @Test
    void aNameThatCannotBeALiteralIsRefused() {
        for (String name : new String[] {"usage\n.csv", "tab\there", "nul\u0000", "del\u007f", "", null,
                "x".repeat(101)}) {
            assertThrows(IllegalArgumentException.class, () -> new ZuoraSoapRequest.FindImport(name, MD5, SINCE),
                    String.valueOf(name));
        }
        new ZuoraSoapRequest.FindImport("x".repeat(100), MD5, SINCE); // Zuora's limit itself is fine
    }

    @Test
    void md5MustBeThirtyTwoHexDigits() {
        for (String md5 : new String[] {null, "", "0123", MD5 + "0", "0123456789abcdef0123456789abcdeg",
                "' or Md5 != '0123456789abcdef01"}) {
            assertThrows(IllegalArgumentException.class, () -> new ZuoraSoapRequest.FindImport("u.csv", md5, SINCE),
                    String.valueOf(md5));
        }
        assertThrows(IllegalArgumentException.class, () -> new ZuoraSoapRequest.FindImport("u.csv", MD5, null));
    }

    @Test
    void dateTimeIsUtcWithAnExplicitOffsetCutToTheSecond() {
        assertEquals("'2026-12-02T10:15:30+00:00'", ZoqlLiteral.dateTime(SINCE));
        assertEquals("'2026-01-01T00:00:00+00:00'", ZoqlLiteral.dateTime(Instant.parse("2026-01-01T00:00:00Z")));
    }
}

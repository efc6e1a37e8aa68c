package io.usagebridge.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result files targets keep: refused rows by their place among the rows sent; a verdict on the whole file is none. */
class TargetRowResultsTest {

    @TempDir
    Path dir;

    @Test
    void importResultAndMassActionOutputGiveTheirRefusedRows() throws IOException {
        assertEquals(Optional.of(Map.of(1L, "Row 3: QTY is required")), TargetRowResults.refusedRows(zip(
                "ACCOUNT_ID,UOM,QTY,STARTDATE,RESULT,MESSAGE\n"
                        + "A1,Each,1,11/01/2026,Not imported,\n"
                        + "A2,Each,,11/01/2026,Failed,Row 3: QTY is required\n")));
        assertEquals(Optional.of(Map.of(0L, "refused by the target (no message)")), TargetRowResults.refusedRows(zip(
                "ChargeNumber,Status,Success,Error Message\nC-1,Active,N,\nC-2,Active,Y,\n")),
                "the target's own columns come last, after a column of the same name that was sent");
    }

    @Test
    void anAnswerOnTheWholeFileHasNoRows() throws IOException {
        assertEquals(Optional.empty(), TargetRowResults.refusedRows(zip(
                "RESULT,MESSAGE\nFailed,The header is missing the required column(s) UOM.\n")));
        assertEquals(Optional.empty(), TargetRowResults.refusedRows(zip("ACCOUNT_ID,UOM\nA1,Each\n")));
    }

    private Path zip(String csv) throws IOException {
        Path zip = Files.createTempFile(dir, "result-", ".zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("result.csv"));
            out.write(csv.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return zip;
    }
}

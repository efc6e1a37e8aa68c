package io.usagebridge.reconcile;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a target's per-row result file: a zipped CSV holding the rows sent, in the order sent, with a result column
 * and a message column — Zuora's Import result (RESULT: Imported, Failed, Not imported; MESSAGE) and a mass action's
 * output (Success: Y, N, blank when not processed; Error Message). Streams the entry; only refused rows are kept.
 */
public final class TargetRowResults {

    private static final List<String> RESULT_COLUMNS = List.of("result", "success", "status");
    private static final List<String> MESSAGE_COLUMNS = List.of("message", "error message", "errormessage", "error");
    private static final Set<String> REFUSED = Set.of("failed", "n", "no", "false", "error");
    private static final CSVFormat RESULT_CSV = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();

    private TargetRowResults() {
    }

    /**
     * The refused records of the result file at {@code zip}, by their place among the rows sent (0-based), each with
     * the target's message; empty when the file has no result column this reader knows.
     */
    public static Optional<Map<Long, String>> refusedRows(Path zip) throws IOException {
        try (InputStream file = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(file)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (!entry.isDirectory() && entry.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    return read(new InputStreamReader(entries, StandardCharsets.UTF_8));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Map<Long, String>> read(Reader csv) throws IOException {
        CSVParser parser = RESULT_CSV.parse(csv);
        var records = parser.iterator();
        if (!records.hasNext()) {
            return Optional.empty();
        }
        List<String> header = records.next().toList().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        int result = lastIndexOfAny(header, RESULT_COLUMNS);
        int message = lastIndexOfAny(header, MESSAGE_COLUMNS);
        // no column of the rows sent before the verdict: an answer on the file as a whole, not on its rows
        if (result <= 0 || message == 0) {
            return Optional.empty();
        }
        Map<Long, String> refused = new HashMap<>();
        for (long row = 0; records.hasNext(); row++) {
            CSVRecord record = records.next();
            String verdict = result < record.size() ? record.get(result).trim().toLowerCase(Locale.ROOT) : "";
            if (REFUSED.contains(verdict)) {
                String why = message >= 0 && message < record.size() ? record.get(message).trim() : "";
                refused.put(row, why.isEmpty() ? "refused by the target (no message)" : why);
            }
        }
        return Optional.of(refused);
    }

    /** The target's own columns come last (after the columns sent, which may share a name). */
    private static int lastIndexOfAny(List<String> header, List<String> names) {
        for (int i = header.size() - 1; i >= 0; i--) {
            if (names.contains(header.get(i))) {
                return i;
            }
        }
        return -1;
    }
}

package io.usagebridge.targets.insights;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.csv.CsvFormats;
import io.usagebridge.csv.CsvLimits;
import io.usagebridge.csv.Violation;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * The Batch API's file constraints (seed 004), checked in one streaming pass before any call: at most 100 MB;
 * UTF-8; CSV with a header of valid API names (lower case, at most 30 characters, starting with a letter, no
 * spaces), double-quote quoting, empty for null; JSON as one object per line with the same keys in every record;
 * values by {@link InsightsValueRules}. Every violation is reported with its line, up to a cap, so a file is fixed
 * once.
 */
public final class InsightsFileRules {

    public static final int MAX_NAME_LENGTH = 30;

    private final long maxFileBytes;
    private final long maxLineBytes;
    private final int maxViolations;
    private final CsvLimits limits;
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public InsightsFileRules(long maxFileBytes, long maxLineBytes, int maxViolations) {
        this(maxFileBytes, maxLineBytes, maxViolations, CsvLimits.DEFAULT);
    }

    public InsightsFileRules(long maxFileBytes, long maxLineBytes, int maxViolations, CsvLimits limits) {
        this.limits = limits;
        this.maxFileBytes = maxFileBytes;
        this.maxLineBytes = maxLineBytes;
        this.maxViolations = maxViolations;
    }

    /** True for the file names a batch may hold: {@code <recordType>.csv}, {@code .json} or {@code .ndjson}. */
    public static boolean isRecordFile(String fileName) {
        return format(fileName) != null;
    }

    /** {@code csv} or {@code json} (for .json and .ndjson), or null. */
    public static String format(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return "csv";
        }
        return lower.endsWith(".json") || lower.endsWith(".ndjson") ? "json" : null;
    }

    /** The record type a file name stands for: its name without the extension. */
    public static String recordType(String fileName) {
        return fileName.substring(0, fileName.lastIndexOf('.'));
    }

    /** @throws UsageBridgeFailure with the first violation's code and every violation (capped) in its message */
    public void check(Path file, FileScan scan) throws IOException {
        if (scan.bytes() > maxFileBytes) {
            throw new UsageBridgeFailure(CoreFailureCode.TARGET_LIMIT_EXCEEDED, "the file has " + scan.bytes()
                    + " bytes; the Insights Batch API takes at most " + maxFileBytes + " bytes (100 MB) per file");
        }
        if (scan.bytes() == 0) {
            throw new UsageBridgeFailure(CoreFailureCode.FILE_EMPTY,
                    "the file is empty: a CSV needs at least its header "
                    + "line, a JSON file one record");
        }
        if (scan.longestLine() > maxLineBytes) {
            throw new UsageBridgeFailure(CoreFailureCode.CSV_ROW_MALFORMED, "line " + scan.longestLineNo() + " is "
                    + scan.longestLine() + " bytes long (at most " + maxLineBytes + "): records are separated by "
                    + "line breaks");
        }
        if (startsWithByteOrderMark(file)) {
            // the readers below skip a BOM, the store does not: it would refuse this file after the batch's others
            throw new UsageBridgeFailure(InsightsFailureCode.INSIGHTS_BYTE_ORDER_MARK, "line 1 starts with a UTF-8 "
                    + "byte order mark (EF BB BF): save the file as UTF-8 without BOM");
        }
        if (scan.badUtf8Line() > 0) {
            throw new UsageBridgeFailure(CoreFailureCode.CSV_NOT_UTF8, "line " + scan.badUtf8Line() + " is not valid "
                    + "UTF-8 (byte " + scan.badUtf8Offset() + "): the Batch API takes UTF-8 files only");
        }
        List<Violation> violations = new ArrayList<>();
        if ("csv".equals(format(file.getFileName().toString()))) {
            checkCsv(file, violations);
        } else {
            checkJson(file, violations);
        }
        if (!violations.isEmpty()) {
            StringBuilder message = new StringBuilder();
            message.append(violations.size() >= maxViolations ? "at least " : "").append(violations.size())
                    .append(" problem(s): ");
            for (int i = 0; i < violations.size(); i++) {
                message.append(i == 0 ? "" : "; ").append(violations.get(i));
            }
            throw new UsageBridgeFailure(violations.get(0).code(), message.toString());
        }
    }

    private static boolean startsWithByteOrderMark(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] first = in.readNBytes(3);
            return first.length == 3 && (first[0] & 0xFF) == 0xEF && (first[1] & 0xFF) == 0xBB
                    && (first[2] & 0xFF) == 0xBF;
        }
    }

    private void checkCsv(Path file, List<Violation> violations) throws IOException {
        long line = 1;
        try (CSVParser parser = CsvFormats.parse(file, limits)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                violations.add(new Violation(CoreFailureCode.CSV_HEADER_INVALID,
                        1, null, null, "the file has no header "
                        + "line"));
                return;
            }
            List<String> header = records.next().toList();
            checkNames(header, 1, CoreFailureCode.CSV_HEADER_INVALID, "column", violations);
            while (violations.size() < maxViolations && records.hasNext()) {
                CSVRecord record = records.next();
                line = parser.getCurrentLineNumber();
                if (record.size() != header.size()) {
                    violations.add(new Violation(CoreFailureCode.CSV_ROW_MALFORMED, line, null, null, "has "
                            + record.size() + " values, the header has " + header.size() + " (a value holding a "
                            + "comma is quoted with double quotes)"));
                    continue;
                }
                for (int i = 0; i < header.size() && violations.size() < maxViolations; i++) {
                    String problem = InsightsValueRules.problem(record.get(i), true);
                    if (problem != null) {
                        violations.add(new Violation(CoreFailureCode.CSV_VALUE_INVALID, line, header.get(i),
                                record.get(i), problem));
                    }
                }
            }
        } catch (UncheckedIOException e) {
            unreadable(e.getCause(), line + 1, violations);
        } catch (CharacterCodingException e) {
            unreadable(e, line + 1, violations);
        } catch (IOException | IllegalStateException e) {
            // commons-csv: an unterminated or misplaced double quote
            violations.add(new Violation(CoreFailureCode.CSV_ROW_MALFORMED, line + 1, null, null, "cannot be parsed as "
                    + "CSV with double-quote quoting: " + e.getMessage()));
        }
    }

    private void checkJson(Path file, List<Violation> violations) throws IOException {
        long line = 0;
        Set<String> firstKeys = null;
        long firstLine = 0;
        try (BufferedReader reader = CsvFormats.strictUtf8(file)) {
            String text;
            while (violations.size() < maxViolations && (text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode record;
                try {
                    record = json.readTree(text);
                } catch (JsonProcessingException e) {
                    violations.add(new Violation(InsightsFailureCode.JSON_RECORD_INVALID,
                            line, null, null, "is not one "
                            + "JSON object on its line (" + e.getOriginalMessage() + ")"));
                    continue;
                }
                if (!record.isObject()) {
                    violations.add(new Violation(InsightsFailureCode.JSON_RECORD_INVALID, line, null, null, "is a JSON "
                            + record.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an object: one object "
                            + "per line"));
                    continue;
                }
                Set<String> keys = new LinkedHashSet<>();
                record.fieldNames().forEachRemaining(keys::add);
                if (firstKeys == null) {
                    firstKeys = keys;
                    firstLine = line;
                    checkNames(List.copyOf(keys), line, InsightsFailureCode.JSON_RECORD_INVALID, "key", violations);
                } else if (!keys.equals(firstKeys)) {
                    Set<String> missing = new LinkedHashSet<>(firstKeys);
                    missing.removeAll(keys);
                    Set<String> extra = new LinkedHashSet<>(keys);
                    extra.removeAll(firstKeys);
                    violations.add(new Violation(InsightsFailureCode.JSON_RECORD_INVALID,
                            line, null, null, "keys differ "
                            + "from line " + firstLine + "'s (records are consistent)" + (missing.isEmpty() ? ""
                            : "; missing " + missing) + (extra.isEmpty() ? "" : "; extra " + extra)));
                }
                for (Iterator<Map.Entry<String, JsonNode>> fields = record.fields(); fields.hasNext()
                        && violations.size() < maxViolations; ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (field.getValue().isTextual()) {
                        String problem = InsightsValueRules.problem(field.getValue().asText(), false);
                        if (problem != null) {
                            violations.add(new Violation(CoreFailureCode.CSV_VALUE_INVALID, line, field.getKey(),
                                    field.getValue().asText(), problem));
                        }
                    }
                }
            }
        } catch (CharacterCodingException e) {
            unreadable(e, line + 1, violations);
        }
    }

    private void checkNames(List<String> names, long line, FailureCode code, String what,
                            List<Violation> violations) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            String problem = nameProblem(name);
            if (problem == null && !seen.add(name)) {
                problem = "appears twice";
            }
            if (problem != null && violations.size() < maxViolations) {
                violations.add(new Violation(code, line, null, null, what + " '" + name + "' " + problem));
            }
        }
    }

    /** Why a column name (or JSON key) is not a valid API name, or null. */
    public static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "is empty: every column needs a name";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "is longer than " + MAX_NAME_LENGTH + " characters";
        }
        if (name.chars().anyMatch(Character::isWhitespace)) {
            return "has a space";
        }
        if (!name.equals(name.toLowerCase(Locale.ROOT))) {
            return "is not lower case";
        }
        if (name.charAt(0) < 'a' || name.charAt(0) > 'z') {
            return "does not start with a letter";
        }
        if (!name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            return "has characters other than a-z, 0-9 and _";
        }
        return null;
    }

    private static void unreadable(Throwable cause, long line, List<Violation> violations) {
        if (cause instanceof CharacterCodingException) {
            violations.add(new Violation(CoreFailureCode.CSV_NOT_UTF8, line, null, null, "is not valid UTF-8"));
        } else {
            violations.add(new Violation(CoreFailureCode.CSV_ROW_MALFORMED, line, null, null, "cannot be parsed as CSV "
                    + "with double-quote quoting: " + (cause == null ? "" : cause.getMessage())));
        }
    }
}

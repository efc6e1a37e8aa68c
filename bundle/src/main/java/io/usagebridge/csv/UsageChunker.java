package io.usagebridge.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * One streaming pass over a target's slice: checks every row against the target's contract, writes it in the
 * target's shape, and cuts the output into chunks within the target's byte and row limits, on row boundaries,
 * each with the header. All violations are collected (up to a cap) before anything is sent, so the user fixes
 * a file once.
 */
public class UsageChunker {

    /**
     * The reason column of a rejected-rows file ({@code <file>.rejected.csv}): dropped on intake, so the file can be
     * fixed and dropped into the inbox as it is.
     */
    public static final String REASON_COLUMN = "REJECTED_REASON";

    private final int maxViolations;
    private final CsvLimits limits;

    public UsageChunker(int maxViolations) {
        this(maxViolations, CsvLimits.DEFAULT);
    }

    public UsageChunker(int maxViolations, CsvLimits limits) {
        this.maxViolations = maxViolations;
        this.limits = limits;
    }

    /** The record and field caps every CSV read of a slice is held to. */
    public CsvLimits limits() {
        return limits;
    }

    /**
     * @param slice     the rows meant for one target
     * @param outputDir where chunks are written (created)
     * @param stem      chunk file name stem (the source file's name without .csv)
     */
    public List<ChunkFile> chunk(Path slice, CsvContract contract, long maxBytes, long maxRows, Path outputDir,
                                 String stem) throws IOException {
        return chunk(slice, contract, maxBytes, maxRows, outputDir, stem, List.of());
    }

    /**
     * As {@link #chunk(Path, CsvContract, long, long, Path, String)}, but when {@code plan} is not empty the chunks
     * are cut after exactly those numbers of rows, as an earlier delivery of the same content cut them, whatever the
     * limits say now: a replay then sends each row in the chunk it was claimed in, never twice, never skipped.
     */
    public List<ChunkFile> chunk(Path slice, CsvContract contract, long maxBytes, long maxRows, Path outputDir,
                                 String stem, List<Long> plan) throws IOException {
        Files.createDirectories(outputDir);
        if (Files.size(slice) == 0) {
            throw new UsageBridgeFailure(CoreFailureCode.FILE_EMPTY, "the file is empty");
        }
        List<Violation> violations = new ArrayList<>();
        List<ChunkFile> chunks = new ArrayList<>();
        ChunkWriter current = null;
        try (CSVParser parser = CsvFormats.parse(slice, limits)) {
            var records = parser.iterator();
            if (!records.hasNext()) {
                throw new UsageBridgeFailure(CoreFailureCode.FILE_EMPTY, "the file holds no CSV header");
            }
            List<String> header = records.next().toList();
            List<ColumnSpec> output = checkHeader(header, contract);
            RowKeyCheck keys = RowKeyCheck.of(contract.rowKey(), output);
            List<String> outputHeader = output.stream().map(ColumnSpec::name).toList();
            String headerLine = CsvFormats.WRITE.format(outputHeader.toArray()) + "\n";
            long headerBytes = utf8Length(headerLine);
            // one printer for every row, into a line reused: CSVFormat.format makes a writer and a printer per call
            StringBuilder rowText = new StringBuilder(256);
            CSVPrinter rowPrinter = new CSVPrinter(rowText, CsvFormats.WRITE);
            long dataRows = 0;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                long line = parser.getCurrentLineNumber();
                dataRows++;
                Map<String, String> row = toMap(header, record, line, violations);
                if (row == null) {
                    if (violations.size() >= maxViolations) {
                        break;
                    }
                    continue;
                }
                String[] shaped = shape(row, output, contract, line, violations);
                if (shaped != null && keys != null) {
                    Violation refused = keys.check(shaped, line);
                    if (refused != null) {
                        violations.add(refused);
                        shaped = null;
                    }
                }
                if (violations.size() >= maxViolations) {
                    break;
                }
                if (shaped == null || !violations.isEmpty()) {
                    continue; // keep checking, stop writing
                }
                rowText.setLength(0);
                rowPrinter.printRecord((Object[]) shaped);
                String rowLine = rowText.toString();
                long rowBytes = utf8Length(rowLine);
                if (plan.isEmpty() && headerBytes + rowBytes > maxBytes) {
                    throw new UsageBridgeFailure(CoreFailureCode.TARGET_LIMIT_EXCEEDED, "line " + line + " needs "
                            + (headerBytes + rowBytes) + " bytes with the header; the target's chunk limit is "
                            + maxBytes + " bytes");
                }
                if (current == null || (plan.isEmpty() ? current.bytes + rowBytes > maxBytes
                        || current.rows + 1 > maxRows : current.rows >= planned(plan, chunks.size()))) {
                    if (current != null) {
                        chunks.add(current.close());
                    }
                    // a name of its own while written: the source's may already fill the file system's limit
                    current = new ChunkWriter(outputDir.resolve("part-" + (chunks.size() + 1) + ".tmp"),
                            chunks.size() + 1);
                    current.write(headerLine, headerBytes, false);
                }
                current.write(rowLine, rowBytes, true);
            }
            if (current != null) {
                chunks.add(current.close());
                current = null;
            }
            if (keys != null && keys.repeatsFound()) {
                findFirstLines(slice, header, output, contract, keys, violations);
            }
            if (!violations.isEmpty()) {
                throw invalid(violations);
            }
            if (dataRows == 0) {
                throw new UsageBridgeFailure(CoreFailureCode.CSV_HEADER_ONLY, "the file has a header but no data rows");
            }
            checkPlanFollowed(plan, chunks);
        } catch (UncheckedIOException e) {
            discard(current, chunks);
            if (e.getCause() instanceof CharacterCodingException) {
                throw new UsageBridgeFailure(CoreFailureCode.CSV_NOT_UTF8, Utf8Position.describe(slice)
                        + " (after " + chunks.stream().mapToLong(ChunkFile::rows).sum() + " good rows): save it as "
                        + "UTF-8");
            }
            throw new UsageBridgeFailure(CoreFailureCode.CSV_ROW_MALFORMED, "the CSV cannot be parsed: "
                    + e.getCause().getMessage());
        } catch (CharacterCodingException e) {
            discard(current, chunks);
            throw new UsageBridgeFailure(CoreFailureCode.CSV_NOT_UTF8, Utf8Position.describe(slice)
                    + ": save it as UTF-8");
        } catch (IOException | RuntimeException failure) {
            discard(current, chunks);
            throw failure;
        }
        return name(chunks, outputDir, stem);
    }

    /**
     * A second read, only for a file already refused for a repeated key: the first read kept hashes, not lines, so
     * the line each repeated key first appeared on is looked up, for the message to name both.
     */
    private void findFirstLines(Path slice, List<String> header, List<ColumnSpec> output, CsvContract contract,
                                RowKeyCheck keys, List<Violation> violations) throws IOException {
        List<Violation> again = new ArrayList<>();
        try (CSVParser parser = CsvFormats.parse(slice, limits)) {
            var records = parser.iterator();
            records.next();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                long line = parser.getCurrentLineNumber();
                if (line > keys.lastRepeatLine()) {
                    break;
                }
                Map<String, String> row = toMap(header, record, line, again);
                String[] shaped = row == null ? null : shape(row, output, contract, line, again);
                again.clear();
                if (shaped != null) {
                    keys.seenAt(shaped, line);
                }
            }
        }
        keys.nameFirstLines(violations);
    }

    /** Rows of the chunk at {@code index} (0-based) of a plan; past its end, rows no longer fit the plan. */
    private static long planned(List<Long> plan, int index) {
        if (index >= plan.size()) {
            throw planMismatch(plan, "more rows than the " + plan.size() + " planned chunks hold");
        }
        return plan.get(index);
    }

    private static void checkPlanFollowed(List<Long> plan, List<ChunkFile> chunks) {
        if (plan.isEmpty()) {
            return;
        }
        List<Long> cut = chunks.stream().map(ChunkFile::rows).toList();
        if (!cut.equals(plan)) {
            throw planMismatch(plan, "chunks of " + cut + " rows");
        }
    }

    private static UsageBridgeFailure planMismatch(List<Long> plan, String found) {
        return new UsageBridgeFailure(CoreFailureCode.CHUNK_PLAN_MISMATCH, "an earlier delivery of this content to the "
                + "target was cut into chunks of " + plan + " rows; this time the rows give " + found + " (routing or "
                + "validation changed): nothing is sent, so no row goes twice. Restore the earlier settings, or send "
                + "the changed rows as a new file");
    }

    /** A rejected slice leaves no chunk behind, and no open file. */
    private static void discard(ChunkWriter current, List<ChunkFile> chunks) throws IOException {
        if (current != null) {
            chunks.add(current.close());
        }
        for (ChunkFile c : chunks) {
            Files.deleteIfExists(c.path());
        }
    }

    private static List<ChunkFile> name(List<ChunkFile> chunks, Path dir, String stem) throws IOException {
        List<ChunkFile> named = new ArrayList<>();
        for (ChunkFile c : chunks) {
            String name = LocalFileNames.fit(stem, chunks.size() == 1 ? ".csv"
                    : String.format(".part-%03d-of-%03d.csv", c.index(), chunks.size()));
            Path path = Files.move(c.path(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            named.add(new ChunkFile(c.index(), chunks.size(), path, c.md5(), c.bytes(), c.rows()));
        }
        return named;
    }

    private static List<ColumnSpec> checkHeader(List<String> header, CsvContract contract) {
        List<String> problems = new ArrayList<>();
        for (String column : header) {
            if (contract.column(column).isEmpty() && !contract.acceptsOtherColumns() && !column.equals(REASON_COLUMN)) {
                problems.add("column '" + column + "' is not part of the " + contract.name() + " contract");
            }
        }
        for (ColumnSpec spec : contract.columns()) {
            if (spec.required() && !header.contains(spec.name())) {
                problems.add("required column '" + spec.name() + "' is missing");
            }
        }
        if (header.stream().distinct().count() != header.size()) {
            problems.add("a column name appears twice");
        }
        if (!problems.isEmpty()) {
            throw new UsageBridgeFailure(CoreFailureCode.CSV_HEADER_INVALID, "line 1: " + String.join("; ", problems)
                    + " (expected columns: " + contract.columns().stream().map(ColumnSpec::name).toList() + ")");
        }
        // a derived key is written in its contract place, whether or not the file has the column
        String derived = contract.rowKey() != null && contract.rowKey().derived() ? contract.rowKey().column() : null;
        if (contract.acceptsOtherColumns()) {
            List<ColumnSpec> output = new ArrayList<>(header.stream().filter(h -> !h.equals(REASON_COLUMN))
                    .map(h -> contract.column(h).orElse(ColumnSpec.optional(h, ValueFormat.TEXT))).toList());
            if (derived != null && !header.contains(derived)) {
                output.add(contract.column(derived).orElseThrow());
            }
            return output;
        }
        return contract.columns().stream().filter(c -> header.contains(c.name()) || c.name().equals(derived))
                .toList();
    }

    private Map<String, String> toMap(List<String> header, CSVRecord record, long line, List<Violation> violations) {
        if (record.size() != header.size()) {
            violations.add(new Violation(CoreFailureCode.CSV_ROW_MALFORMED, line, null, null,
                    "has " + record.size() + " values, the header has " + header.size()));
            return null;
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            row.put(header.get(i), record.get(i));
        }
        return row;
    }

    private String[] shape(Map<String, String> row, List<ColumnSpec> output, CsvContract contract, long line,
                           List<Violation> violations) {
        String[] shaped = new String[output.size()];
        boolean ok = true;
        for (int i = 0; i < output.size(); i++) {
            ColumnSpec spec = output.get(i);
            String raw = row.get(spec.name());
            if (raw == null || raw.isBlank()) {
                if (spec.required()) {
                    violations.add(new Violation(CoreFailureCode.CSV_VALUE_INVALID, line, spec.name(), raw,
                            "a value is required"));
                    ok = false;
                }
                shaped[i] = "";
                continue;
            }
            int control = ControlCharacters.indexIn(raw);
            if (control >= 0) {
                violations.add(new Violation(CoreFailureCode.CSV_VALUE_INVALID, line, spec.name(), null,
                        String.format("no control character; U+%04X at character %d", (int) raw.charAt(control),
                                control + 1)));
                ok = false;
                continue;
            }
            try {
                shaped[i] = spec.format().normalise(raw);
            } catch (InvalidValueException e) {
                violations.add(new Violation(CoreFailureCode.CSV_VALUE_INVALID, line, spec.name(), raw,
                        "expected " + e.getMessage()));
                ok = false;
            }
        }
        if (ok) {
            for (RowRule rule : contract.rowRules()) {
                String problem = rule.check(row);
                if (problem != null) {
                    violations.add(new Violation(CoreFailureCode.USAGE_PERIOD_INVALID, line, null, null, problem));
                    ok = false;
                }
            }
        }
        return ok ? shaped : null;
    }

    private UsageBridgeFailure invalid(List<Violation> violations) {
        StringBuilder message = new StringBuilder();
        message.append(violations.size() >= maxViolations ? "at least " : "").append(violations.size())
                .append(" problem(s): ");
        for (int i = 0; i < violations.size(); i++) {
            message.append(i == 0 ? "" : "; ").append(violations.get(i));
        }
        return new UsageBridgeFailure(violations.get(0).code(), message.toString());
    }

    private static long utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Writes one chunk while hashing it, so its MD5 is known without a second read. */
    private static final class ChunkWriter {
        private final Path path;
        private final int index;
        private final MessageDigest md5;
        private final BufferedWriter out;
        private long bytes;
        private long rows;

        ChunkWriter(Path path, int index) throws IOException {
            this.path = path;
            this.index = index;
            try {
                this.md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            this.out = new BufferedWriter(new OutputStreamWriter(
                    new DigestOutputStream(Files.newOutputStream(path), md5), StandardCharsets.UTF_8), 64 * 1024);
        }

        void write(String line, long lineBytes, boolean isRow) throws IOException {
            out.write(line);
            bytes += lineBytes;
            if (isRow) {
                rows++;
            }
        }

        ChunkFile close() throws IOException {
            out.close();
            return new ChunkFile(index, 0, path, HexFormat.of().formatHex(md5.digest()), bytes, rows);
        }
    }
}

package io.usagebridge.sandbox.zuorasoap;

import io.usagebridge.sandbox.CsvRecordReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * What Zuora's asynchronous usage import does with an accepted file: unzip it if zipped (one
 * file at the root), read the CSV, check each row, and write the zipped result CSV. The import
 * is all or nothing: one bad row fails it, and then no row counts as imported.
 *
 * <p>The header must name ACCOUNT_ID, UOM, QTY and STARTDATE (any order, any case; other
 * columns are allowed). Blank lines are skipped. A row fails when a required value is empty or
 * QTY is not a number; dates are not checked (Zuora reads them in the tenant's own format).
 */
final class UsageImportProcessor {

    static final List<String> REQUIRED_COLUMNS = List.of("ACCOUNT_ID", "UOM", "QTY", "STARTDATE");
    private static final int MAX_STATUS_REASON = 2000;

    /** The import's final state, as query() shows it once processing is over. */
    record Outcome(String status, String statusReason, int totalCount, int importedCount) {
        boolean completed() {
            return ZuoraImport.COMPLETED.equals(status);
        }
    }

    private record RowResult(List<String> values, String error) {
    }

    private UsageImportProcessor() {
    }

    /**
     * Processes {@code file} (named {@code fileName}) and writes the result zip to {@code resultZip}; a row holding
     * {@code rejectedValue} (if not null) fails.
     */
    static Outcome process(Path file, String fileName, String resultEntryName, Path resultZip, String rejectedValue)
            throws IOException {
        List<String> header = List.of();
        List<RowResult> rows = new ArrayList<>();
        String fileError = null;
        try (Source source = open(file, fileName)) {
            if (source.error != null) {
                fileError = source.error;
            } else {
                CsvRecordReader reader = new CsvRecordReader(new BufferedReader(new InputStreamReader(source.in,
                        StandardCharsets.UTF_8.newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT))));
                CsvRecordReader.CsvRecord first = reader.next();
                if (first == null || first.blank()) {
                    fileError = "The file has no header line.";
                } else {
                    List<String> names = first.values().stream().map(UsageImportProcessor::headerName).toList();
                    header = names;
                    List<String> missing = REQUIRED_COLUMNS.stream().filter(name -> !names.contains(name)).toList();
                    if (!missing.isEmpty()) {
                        fileError = "The header is missing the required column(s) " + String.join(", ", missing) + ".";
                    } else {
                        for (CsvRecordReader.CsvRecord row = reader.next(); row != null; row = reader.next()) {
                            if (!row.blank()) {
                                rows.add(new RowResult(row.values(), rowError(header, row, rejectedValue)));
                            }
                        }
                        if (rows.isEmpty()) {
                            fileError = "The file has no usage records.";
                        }
                    }
                }
            }
        } catch (CharacterCodingException e) {
            fileError = "The file is not UTF-8 text.";
        } catch (IOException e) {
            fileError = "The file cannot be read as CSV: " + e.getMessage();
        }
        Outcome outcome = outcome(fileError, rows);
        writeResult(resultZip, resultEntryName, header, rows, outcome);
        return outcome;
    }

    private static Outcome outcome(String fileError, List<RowResult> rows) {
        if (fileError != null) {
            return new Outcome(ZuoraImport.FAILED, fileError, rows.size(), 0);
        }
        List<String> errors = rows.stream().map(RowResult::error).filter(e -> e != null).toList();
        if (errors.isEmpty()) {
            return new Outcome(ZuoraImport.COMPLETED, null, rows.size(), rows.size());
        }
        String reason = String.join("; ", errors);
        if (reason.length() > MAX_STATUS_REASON) {
            reason = reason.substring(0, MAX_STATUS_REASON - 3) + "...";
        }
        return new Outcome(ZuoraImport.FAILED, reason, rows.size(), 0);
    }

    private static String rowError(List<String> header, CsvRecordReader.CsvRecord row, String rejectedValue) {
        String where = "Row " + row.line() + ": ";
        if (row.values().size() > header.size()) {
            return where + "has " + row.values().size() + " values, the header has " + header.size() + " columns";
        }
        for (String column : REQUIRED_COLUMNS) {
            if (value(header, row.values(), column).isBlank()) {
                return where + column + " is required";
            }
        }
        try {
            new BigDecimal(value(header, row.values(), "QTY").trim());
        } catch (NumberFormatException e) {
            return where + "QTY is not a number";
        }
        if (rejectedValue != null && row.values().contains(rejectedValue)) {
            return where + "value '" + rejectedValue + "' is not valid";
        }
        return null;
    }

    private static String value(List<String> header, List<String> values, String column) {
        int index = header.indexOf(column);
        return index < values.size() ? values.get(index) : "";
    }

    private static String headerName(String raw) {
        return raw.trim().toUpperCase(Locale.ROOT);
    }

    private static void writeResult(Path resultZip, String entryName, List<String> header, List<RowResult> rows,
                                    Outcome outcome) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(resultZip))) {
            zip.putNextEntry(new ZipEntry(entryName));
            Writer out = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            CSVPrinter csv = CSVFormat.RFC4180.print(out);
            if (header.isEmpty() || rows.isEmpty()) {
                csv.printRecord(List.of("RESULT", "MESSAGE"));
                csv.printRecord(List.of(outcome.status(), outcome.statusReason() == null ? "" : outcome.statusReason()));
            } else {
                List<String> resultHeader = new ArrayList<>(header);
                resultHeader.add("RESULT");
                resultHeader.add("MESSAGE");
                csv.printRecord(resultHeader);
                for (RowResult row : rows) {
                    List<String> line = new ArrayList<>(row.values());
                    while (line.size() < header.size()) {
                        line.add("");
                    }
                    line.add(row.error() != null ? "Failed" : outcome.completed() ? "Imported" : "Not imported");
                    line.add(row.error() == null ? "" : row.error());
                    csv.printRecord(line);
                }
            }
            out.flush();
            zip.closeEntry();
        }
    }

    /** The CSV to read: the file itself, or the one file inside a zip. */
    private static final class Source implements AutoCloseable {
        private final ZipFile zip;
        private final InputStream in;
        private final String error;

        private Source(ZipFile zip, InputStream in, String error) {
            this.zip = zip;
            this.in = in;
            this.error = error;
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
            if (zip != null) {
                zip.close();
            }
        }
    }

    private static Source open(Path file, String fileName) throws IOException {
        if (!ImportFileChecks.isZip(file, fileName)) {
            return new Source(null, Files.newInputStream(file), null);
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            return new Source(null, null, "The zip file cannot be read.");
        }
        List<ZipEntry> files = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            files.add(entries.nextElement());
        }
        if (files.size() != 1) {
            zip.close();
            return new Source(null, null, "The zip file must contain exactly one file, it contains " + files.size() + ".");
        }
        return new Source(zip, zip.getInputStream(files.get(0)), null);
    }
}

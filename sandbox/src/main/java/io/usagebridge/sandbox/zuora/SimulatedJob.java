package io.usagebridge.sandbox.zuora;

import io.usagebridge.sandbox.CsvRecordReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One asynchronous Zuora job: a mass action ({@code POST /v1/bulk}) or a usage import
 * ({@code POST /v1/usage}). Its file is checked once when it arrives; the status then moves
 * one step per status poll (Pending, Processing, then the final status on the
 * {@code pollsToComplete}-th poll), so tests see every status without waiting on time.
 */
final class SimulatedJob {

    static final String PENDING = "Pending";
    static final String PROCESSING = "Processing";
    static final String COMPLETED = "Completed";
    static final String FAILED = "Failed";
    static final String STOPPING = "Stopping";
    static final String STOPPED = "Stopped";
    static final String CANCELED = "Canceled";

    /** Zuora's usage import reads these headings; the values of the first four are required. */
    static final List<String> USAGE_REQUIRED_HEADINGS =
            List.of("ACCOUNT_ID", "UOM", "QTY", "STARTDATE", "ENDDATE", "SUBSCRIPTION_ID", "CHARGE_ID");
    static final List<String> USAGE_REQUIRED_VALUES = List.of("ACCOUNT_ID", "UOM", "QTY", "STARTDATE");

    final ZuoraJob.Kind kind;
    final String key;
    final String actionType;
    final String fileName;
    final Path file;
    final long size;
    final String md5;
    final Instant createdAt;
    /** Data records found (blank lines not counted); -1 when the file could not be read that far. */
    final int totalRecords;
    /** 0-based indexes of the data records that fail one by one (mass actions only). */
    final List<Integer> failingRecords;
    final List<String> failingMessages;
    /** Why the whole job fails, or null when it does not. */
    final String failure;

    private String status = PENDING;
    private int polls;
    private boolean stopRequested;
    private boolean stoppedWhileProcessing;
    private int pollsSinceStop;
    private boolean cancelRequested;
    private Instant startedOn;
    private Instant endedOn;
    private int processedRecords = -1;
    private String outputFileId;
    private Path outputFile;
    private long outputSize;

    private SimulatedJob(ZuoraJob.Kind kind, String key, String actionType, String fileName, Path file, long size,
                         String md5, Instant createdAt, FileCheck check) {
        this.kind = kind;
        this.key = key;
        this.actionType = actionType;
        this.fileName = fileName;
        this.file = file;
        this.size = size;
        this.md5 = md5;
        this.createdAt = createdAt;
        this.totalRecords = check.records;
        this.failingRecords = List.copyOf(check.failingRecords);
        this.failingMessages = List.copyOf(check.failingMessages);
        this.failure = check.failure;
    }

    /**
     * A mass action. It fails as a whole when the file is empty, has no records, cannot be
     * split into records, or has a record whose value count differs from the header's; a record
     * holding {@code rejectedValue} fails alone (Success N in the response file).
     */
    static SimulatedJob bulk(String key, String actionType, String fileName, Path file, long size, String md5,
                             Instant createdAt, String rejectedValue) throws IOException {
        return new SimulatedJob(ZuoraJob.Kind.BULK, key, actionType, fileName, file, size, md5, createdAt,
                checkBulk(file, rejectedValue));
    }

    /**
     * A usage import. Zuora's import is atomic: any bad record (missing heading, value count
     * differing from the header, a required value blank, QTY not a number, a value equal to
     * {@code rejectedValue}) fails the whole file. Blank lines are skipped.
     */
    static SimulatedJob usage(String key, String fileName, Path file, long size, String md5, Instant createdAt,
                              String rejectedValue) throws IOException {
        return new SimulatedJob(ZuoraJob.Kind.USAGE, key, null, fileName, file, size, md5, createdAt,
                checkUsage(file, rejectedValue));
    }

    /** Counts what a status poll sees, then moves the status on by one poll. */
    synchronized void poll(int pollsToComplete, Instant now, OutputFiles outputs) throws IOException {
        if (isFinal()) {
            return;
        }
        polls++;
        if (stopRequested) {
            pollsSinceStop++;
            // the first poll after a stop still sees Stopping; the next sees Stopped
            if (pollsSinceStop >= 2) {
                status = STOPPED;
                endedOn = now;
                if (stoppedWhileProcessing && failure == null) {
                    processedRecords = totalRecords / 2;
                    writeOutput(outputs);
                }
            }
            return;
        }
        if (cancelRequested) {
            status = CANCELED;
            endedOn = now;
            return;
        }
        if (polls >= pollsToComplete) {
            if (startedOn == null) {
                startedOn = now;
            }
            endedOn = now;
            if (failure != null) {
                status = FAILED;
                processedRecords = 0;
            } else {
                status = COMPLETED;
                processedRecords = totalRecords;
                if (kind == ZuoraJob.Kind.BULK) {
                    writeOutput(outputs);
                }
            }
        } else if (polls >= 2) {
            if (startedOn == null) {
                startedOn = now;
            }
            status = PROCESSING;
            processedRecords = Math.max(totalRecords, 0) / 2;
        }
    }

    /** @return null when stopped, else why not (the current status) */
    synchronized String requestStop() {
        if (!PENDING.equals(status) && !PROCESSING.equals(status)) {
            return status;
        }
        stoppedWhileProcessing = PROCESSING.equals(status);
        stopRequested = true;
        status = STOPPING;
        return null;
    }

    /** @return false when the import already ended */
    synchronized boolean requestCancel() {
        if (isFinal() || stopRequested) {
            return false;
        }
        cancelRequested = true;
        return true;
    }

    synchronized String status() {
        return status;
    }

    synchronized boolean isFinal() {
        return COMPLETED.equals(status) || FAILED.equals(status) || STOPPED.equals(status)
                || CANCELED.equals(status);
    }

    synchronized Instant startedOn() {
        return startedOn;
    }

    synchronized Instant endedOn() {
        return endedOn;
    }

    /** Records processed so far, or -1 while Pending. */
    synchronized int processedRecords() {
        return processedRecords;
    }

    /** Failing records among those processed so far. */
    synchronized int failedSoFar() {
        int processed = processedRecords;
        return (int) failingRecords.stream().filter(index -> index < processed).count();
    }

    synchronized String outputFileId() {
        return outputFileId;
    }

    synchronized Path outputFile() {
        return outputFile;
    }

    synchronized long outputSize() {
        return outputSize;
    }

    synchronized ZuoraJob snapshot() {
        return new ZuoraJob(kind, key, actionType, status, fileName, file, size, md5, createdAt, totalRecords);
    }

    /** Where response files go and how they are named. */
    interface OutputFiles {
        /** A new id and the path to write the zip to. */
        OutputFile create(SimulatedJob job) throws IOException;
    }

    record OutputFile(String id, Path path) {
    }

    /**
     * The response file: the uploaded records with {@code Success} (Y, N, or blank when not
     * processed) and {@code Error Message} columns, as one CSV in a zip.
     */
    private void writeOutput(OutputFiles outputs) throws IOException {
        OutputFile output = outputs.create(this);
        int processed = processedRecords;
        try (OutputStream out = Files.newOutputStream(output.path());
             ZipOutputStream zip = new ZipOutputStream(out);
             CsvRecordReader reader = new CsvRecordReader(utf8(file))) {
            zip.putNextEntry(new ZipEntry(responseEntryName()));
            Writer text = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            CSVPrinter csv = CSVFormat.RFC4180.print(text);
            CsvRecordReader.CsvRecord header = reader.nextNonBlank();
            List<String> heading = new ArrayList<>(header.values());
            heading.add("Success");
            heading.add("Error Message");
            csv.printRecord(heading);
            int index = 0;
            for (CsvRecordReader.CsvRecord record = reader.nextNonBlank(); record != null;
                    record = reader.nextNonBlank(), index++) {
                List<String> row = new ArrayList<>(record.values());
                int failing = failingRecords.indexOf(index);
                if (index >= processed) {
                    row.add("");
                    row.add("");
                } else if (failing >= 0) {
                    row.add("N");
                    row.add(failingMessages.get(failing));
                } else {
                    row.add("Y");
                    row.add("");
                }
                csv.printRecord(row);
            }
            csv.flush();
            zip.closeEntry();
        }
        outputFileId = output.id();
        outputFile = output.path();
        outputSize = Files.size(output.path());
    }

    String responseEntryName() {
        String stem = fileName == null || fileName.isBlank() ? key : Path.of(fileName).getFileName().toString();
        int dot = stem.lastIndexOf('.');
        return (dot > 0 ? stem.substring(0, dot) : stem) + "_response.csv";
    }

    private static FileCheck checkBulk(Path file, String rejectedValue) throws IOException {
        FileCheck check = new FileCheck();
        try (CsvRecordReader reader = new CsvRecordReader(utf8(file))) {
            CsvRecordReader.CsvRecord header = reader.nextNonBlank();
            if (header == null) {
                return check.fail("The file is empty.");
            }
            int index = 0;
            for (CsvRecordReader.CsvRecord record = reader.nextNonBlank(); record != null;
                    record = reader.nextNonBlank(), index++) {
                if (record.values().size() != header.values().size()) {
                    return check.fail("Line " + record.line() + ": " + record.values().size()
                            + " values where the header has " + header.values().size() + ".");
                }
                if (rejectedValue != null && record.values().contains(rejectedValue)) {
                    check.failingRecords.add(index);
                    check.failingMessages.add("Record rejected: value '" + rejectedValue + "' is not valid.");
                }
                check.records = index + 1;
            }
            if (check.records == 0) {
                return check.fail("The file contains no records.");
            }
            return check;
        } catch (CsvRecordReader.CsvFormatException e) {
            return check.fail("The file is not a valid CSV file: " + e.getMessage());
        }
    }

    private static FileCheck checkUsage(Path file, String rejectedValue) throws IOException {
        FileCheck check = new FileCheck();
        try (CsvRecordReader reader = new CsvRecordReader(utf8(file))) {
            CsvRecordReader.CsvRecord header = reader.nextNonBlank();
            if (header == null) {
                return check.fail("The usage file is empty.");
            }
            List<String> headings = header.values().stream().map(h -> h.trim().toUpperCase(Locale.ROOT)).toList();
            List<String> missing = USAGE_REQUIRED_HEADINGS.stream().filter(h -> !headings.contains(h)).toList();
            if (!missing.isEmpty()) {
                return check.fail("The usage file header is missing " + String.join(", ", missing) + ".");
            }
            int index = 0;
            for (CsvRecordReader.CsvRecord record = reader.nextNonBlank(); record != null;
                    record = reader.nextNonBlank(), index++) {
                List<String> values = record.values();
                if (values.size() != headings.size()) {
                    return check.fail("Line " + record.line() + ": " + values.size()
                            + " values where the header has " + headings.size() + ".");
                }
                for (String required : USAGE_REQUIRED_VALUES) {
                    if (values.get(headings.indexOf(required)).isBlank()) {
                        return check.fail("Line " + record.line() + ": " + required + " is required.");
                    }
                }
                String qty = values.get(headings.indexOf("QTY")).trim();
                try {
                    new BigDecimal(qty);
                } catch (NumberFormatException e) {
                    return check.fail("Line " + record.line() + ": QTY '" + qty + "' is not a number.");
                }
                if (rejectedValue != null && values.contains(rejectedValue)) {
                    return check.fail("Line " + record.line() + ": value '" + rejectedValue + "' is not valid.");
                }
                check.records = index + 1;
            }
            if (check.records == 0) {
                return check.fail("The usage file contains no usage records.");
            }
            return check;
        } catch (CsvRecordReader.CsvFormatException e) {
            return check.fail("The usage file is not a valid CSV file: " + e.getMessage());
        }
    }

    /** Malformed bytes become U+FFFD instead of failing the read, as a lenient importer would. */
    private static Reader utf8(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
    }

    /** What checking a file found. */
    private static final class FileCheck {
        int records;
        final List<Integer> failingRecords = new ArrayList<>();
        final List<String> failingMessages = new ArrayList<>();
        String failure;

        FileCheck fail(String reason) {
            failure = reason;
            return this;
        }
    }
}

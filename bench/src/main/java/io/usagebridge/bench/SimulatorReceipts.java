package io.usagebridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a sandbox simulator shows it received for one of case g's files, from its {@code /__sandbox/state} and,
 * where that state names no row counts (2Checkout, the HTTP multipart receiver), from the uploads it kept below the
 * sandbox's received/ folder. A file counts as delivered when every request was accepted and the rows that arrived
 * are the file's rows: no chunk lost, none sent twice.
 */
final class SimulatorReceipts {

    /**
     * @param requests what arrived, in the simulator's words (e.g. "27 uploads answered 1")
     * @param count    the file's requests (chunks, jobs, Imports, PUTs)
     * @param bytes    the bytes of those requests' files, as the simulator counted them (zipped for Zuora SOAP)
     * @param rows     the data rows that arrived, -1 when unknown
     */
    record Receipt(String requests, int count, long bytes, long rows, List<String> problems) {
    }

    private SimulatorReceipts() {
    }

    /**
     * {@code state} is the simulator's that plays {@code file}'s target; {@code received} the sandbox's received/;
     * {@code source} the file as written.
     */
    static Receipt of(EveryTargetFiles.InputFile file, JsonNode state, Path received, Path source)
            throws IOException {
        List<String> problems = new ArrayList<>();
        Receipt receipt = switch (file.target()) {
            case "twocheckout" -> twoCheckout(state, received.resolve("twocheckout"), problems);
            case "zuora-usage" -> zuoraRest(state, "USAGE", "usage import", problems);
            case "zuora-revenue" -> zuoraRest(state, "BULK", "mass action", problems);
            case "zuora" -> zuoraSoap(state, problems);
            case "insights" -> insights(state, file, md5(source), problems);
            case "billing-receiver" -> httpMultipart(state, received.resolve("http-multipart/billing-receiver"),
                    problems);
            default -> throw new IllegalArgumentException("no simulator known for target " + file.target());
        };
        if (receipt.count() == 0) {
            problems.add("the simulator received nothing");
        } else if (receipt.rows() != file.rows()) {
            problems.add(String.format("the simulator received %,d rows of the file's %,d", receipt.rows(),
                    file.rows()));
        }
        return receipt;
    }

    private static Receipt twoCheckout(JsonNode state, Path kept, List<String> problems) throws IOException {
        List<JsonNode> uploads = list(state.path("uploads"));
        long refused = uploads.stream().filter(upload -> !upload.path("accepted").asBoolean()).count();
        if (refused > 0) {
            problems.add(refused + " of " + uploads.size() + " uploads not answered 1");
        }
        return new Receipt(count(uploads.size(), "upload") + ", " + (uploads.size() - refused) + " answered 1",
                uploads.size(), sum(uploads, "size"), keptRows(kept), problems);
    }

    private static Receipt zuoraRest(JsonNode state, String kind, String jobName, List<String> problems) {
        List<JsonNode> jobs = list(state.path("jobs")).stream()
                .filter(job -> kind.equals(job.path("kind").asText())).toList();
        long completed = jobs.stream().filter(job -> "Completed".equals(job.path("status").asText())).count();
        if (completed < jobs.size()) {
            problems.add((jobs.size() - completed) + " of " + count(jobs.size(), jobName) + " not Completed");
        }
        return new Receipt(count(jobs.size(), jobName) + ", " + completed + " Completed", jobs.size(),
                sum(jobs, "size"), sum(jobs, "recordCount"), problems);
    }

    private static Receipt zuoraSoap(JsonNode state, List<String> problems) {
        List<JsonNode> imports = list(state.path("imports"));
        List<JsonNode> accepted = imports.stream().filter(imported -> !imported.path("id").isNull()).toList();
        long completed = accepted.stream().filter(imported -> "Completed".equals(imported.path("status").asText()))
                .count();
        long creates = list(state.path("calls")).stream()
                .filter(call -> "create".equals(call.path("operation").asText())).count();
        if (accepted.size() < imports.size() || completed < accepted.size()) {
            problems.add(imports.size() + " Imports: " + accepted.size() + " accepted, " + completed + " Completed");
        }
        return new Receipt(count((int) creates, "create() call") + ", " + count(accepted.size(), "Import")
                + " (zipped), " + completed + " Completed", accepted.size(), sum(accepted, "size"),
                sum(accepted, "totalCount"), problems);
    }

    /** The Batch API keeps the file as it was put: its bytes and MD5 must be the file's. */
    private static Receipt insights(JsonNode state, EveryTargetFiles.InputFile file, String fileMd5,
            List<String> problems) {
        List<JsonNode> stored = list(state.path("storedFiles"));
        List<JsonNode> accounts = stored.stream()
                .filter(record -> "account".equals(record.path("recordType").asText())).toList();
        boolean intact = accounts.size() == 1 && accounts.get(0).path("bytes").asLong() == file.bytes()
                && fileMd5.equals(accounts.get(0).path("md5").asText());
        if (!intact) {
            problems.add("the store did not keep the account file once, whole (" + accounts + ")");
        }
        int loaded = state.path("loadedBatches").size();
        if (loaded != 1) {
            problems.add(loaded + " batches loaded, not 1");
        }
        return new Receipt(count(state.path("putCount").asInt(), "PUT") + ", " + count(stored.size(), "record file")
                + " stored, " + count(loaded, "batch") + " loaded", accounts.size(), sum(accounts, "bytes"),
                intact ? file.rows() : -1, problems);
    }

    private static Receipt httpMultipart(JsonNode state, Path kept, List<String> problems) throws IOException {
        List<JsonNode> uploads = list(state.path("uploads"));
        long refused = uploads.stream().filter(upload -> upload.path("id").isNull()).count();
        if (refused > 0) {
            problems.add(refused + " of " + uploads.size() + " uploads refused");
        }
        return new Receipt(count(uploads.size(), "upload") + ", " + (uploads.size() - refused) + " stored",
                uploads.size(), sum(uploads, "size"), keptRows(kept), problems);
    }

    /** The data rows of every upload a simulator kept in {@code dir} (each chunk has its header). */
    private static long keptRows(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long rows = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                rows += dataRows(file);
            }
        }
        return rows;
    }

    /** Lines after the header; the generated rows hold no line break inside quotes, so a line is a row. */
    static long dataRows(Path file) throws IOException {
        long lines = 0;
        int last = '\n';
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                last = buffer[read - 1];
            }
        }
        if (last != '\n') {
            lines++;
        }
        return Math.max(0, lines - 1);
    }

    private static String md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                md5.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is in every JDK", e);
        }
    }

    /** {@code 1 upload}, {@code 30 uploads}, {@code 2 batches}. */
    private static String count(int n, String thing) {
        return n + " " + thing + (n == 1 ? "" : thing.endsWith("h") ? "es" : "s");
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }

    private static long sum(List<JsonNode> nodes, String field) {
        return nodes.stream().mapToLong(node -> node.path(field).asLong()).sum();
    }
}

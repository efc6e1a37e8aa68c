package io.usagebridge.sandbox.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.sandbox.HttpMultipartReceiverSimulator;
import io.usagebridge.sandbox.HttpMultipartUpload;
import io.usagebridge.sandbox.ReceivedUpload;
import io.usagebridge.sandbox.TwoCheckoutReceiverSimulator;
import io.usagebridge.sandbox.UrlEncodedForm;
import io.usagebridge.sandbox.insights.InsightsBatchSimulator;
import io.usagebridge.sandbox.insights.StoredRecordFile;
import io.usagebridge.sandbox.zuora.ZuoraRestRequest;
import io.usagebridge.sandbox.zuora.ZuoraRestSimulator;
import io.usagebridge.sandbox.zuorasoap.ZuoraImport;
import io.usagebridge.sandbox.zuorasoap.ZuoraSoapSimulator;

/**
 * A dry run's preview (its summary.json and request files) against what the simulators then took from a real run of
 * the same inbox: each previewed request arrived, its file byte for byte, its stable fields and headers equal; and
 * nothing arrived that the preview lacks. What only a send knows (a token, a delivery id, a boundary) is not compared,
 * as the preview names it and does not guess it.
 */
public final class PreviewMatch {

    private static final String MASK = "****";

    private final Path preview;
    private final SandboxProfile profile;
    private final SimulatedTargets simulators;
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> problems = new ArrayList<>();

    private PreviewMatch(Path preview, SandboxProfile profile, SimulatedTargets simulators) {
        this.preview = preview;
        this.profile = profile;
        this.simulators = simulators;
    }

    /** Every difference found; empty when the real run sent exactly what the preview shows. */
    public static List<String> problems(Path preview, SandboxProfile profile, SimulatedTargets simulators)
            throws IOException {
        PreviewMatch match = new PreviewMatch(preview, profile, simulators);
        match.check();
        return List.copyOf(match.problems);
    }

    private void check() throws IOException {
        int previewed = 0;
        for (JsonNode file : json.readTree(preview.resolve("summary.json").toFile()).path("files")) {
            for (Map.Entry<String, JsonNode> target : file.path("targets").properties()) {
                for (JsonNode chunk : target.getValue().path("requests")) {
                    previewed++;
                    check(target.getKey(), chunk);
                }
            }
        }
        long received = all(TwoCheckoutReceiverSimulator.class, TwoCheckoutReceiverSimulator::accepted).size()
                + zuoraUploads().size()
                + all(ZuoraSoapSimulator.class, ZuoraSoapSimulator::imports).stream().filter(ZuoraImport::accepted)
                        .count()
                + all(HttpMultipartReceiverSimulator.class, HttpMultipartReceiverSimulator::stored).size()
                + all(InsightsBatchSimulator.class, InsightsBatchSimulator::storedFiles).size();
        if (received != previewed) {
            problems.add("the simulators took " + received + " uploads, the preview holds " + previewed);
        }
    }

    private void check(String target, JsonNode chunk) throws IOException {
        String what = target + " " + chunk.path("file").asText();
        Path bytes = preview.resolve(chunk.path("file").asText());
        JsonNode request = json.readTree(preview.resolve(chunk.path("request").asText()).toFile());
        String md5 = chunk.path("md5").asText();
        switch (profile.require("target." + target + ".type")) {
            case "twocheckout-usage" -> {
                ReceivedUpload upload = find(what, all(TwoCheckoutReceiverSimulator.class,
                        TwoCheckoutReceiverSimulator::accepted), u -> md5.equals(u.fileMd5()));
                if (upload != null) {
                    sameBytes(what, bytes, upload.file());
                    upload.fields().forEach((name, value) -> same(what, name,
                            "secret_key".equals(name) ? MASK : value, part(request, name, "value")));
                    same(what, "file name", upload.fileName(), part(request, profile.get("target." + target
                            + ".file-part-name").orElse("file"), "fileName"));
                }
            }
            case "zuora-rest-usage", "zuora-rest-bulk" -> {
                ZuoraRestRequest sent = find(what, zuoraUploads(), r -> md5.equals(r.fileMd5()));
                if (sent != null) {
                    sameBytes(what, bytes, sent.file());
                    same(what, "Idempotency-Key", sent.idempotencyKey(), request.path("headers")
                            .path("Idempotency-Key").asText(null));
                    same(what, "file name", sent.fileName(), part(request, "file", "fileName"));
                    if (sent.fields().containsKey("params")) {
                        same(what, "params", json.readTree(sent.fields().get("params")),
                                json.readTree(part(request, "params", "value")));
                    }
                }
            }
            case "zuora-soap-import" -> {
                ZuoraImport imported = find(what, all(ZuoraSoapSimulator.class, ZuoraSoapSimulator::imports),
                        i -> i.accepted() && md5.equals(i.md5()));
                if (imported != null) {
                    sameBytes(what, bytes, imported.file());
                    same(what, "Md5", imported.md5Field(), part(request, "Md5", "value"));
                    same(what, "Name", imported.name(), part(request, "Name", "value"));
                    same(what, "ImportType", imported.importType(), part(request, "ImportType", "value"));
                    same(what, "file name", imported.fileName(), part(request, "FileContent", "fileName"));
                }
            }
            case "http-multipart" -> {
                HttpMultipartUpload stored = find(what, all(HttpMultipartReceiverSimulator.class,
                        HttpMultipartReceiverSimulator::stored), u -> md5.equals(u.md5()));
                if (stored != null) {
                    sameBytes(what, bytes, stored.file());
                    same(what, "Content-MD5", stored.header("Content-MD5"), request.path("headers")
                            .path("Content-MD5").asText(null));
                    stored.fields().forEach((name, value) -> same(what, name, value, part(request, name, "value")));
                    same(what, "file name", stored.fileName(), part(request, profile.get("target." + target
                            + ".file-part-name").orElse("file"), "fileName"));
                }
            }
            case "insights-batch" -> {
                StoredRecordFile stored = find(what, all(InsightsBatchSimulator.class,
                        InsightsBatchSimulator::storedFiles), f -> md5.equals(f.md5()));
                if (stored != null) {
                    // the PUT's body, as the store kept it; the POST's form as the API decoded it
                    sameBytes(what, bytes, stored.file());
                    same(what, "PUT Content-Length", String.valueOf(stored.bytes()), request.path("then")
                            .path("headers").path("Content-Length").asText(null));
                    Map<String, String> form = UrlEncodedForm.parse(request.path("body").asText());
                    same(what, "dataSource", stored.dataSource(), form.get("dataSource"));
                    same(what, "recordType", stored.recordType(), form.get("recordType"));
                    same(what, "dataSource part", stored.dataSource(), part(request, "dataSource", "value"));
                    same(what, "recordType part", stored.recordType(), part(request, "recordType", "value"));
                    same(what, "file name", stored.recordType(), recordType(bytes));
                }
            }
            default -> problems.add(what + ": no simulator to compare it with");
        }
    }

    private List<ZuoraRestRequest> zuoraUploads() {
        return all(ZuoraRestSimulator.class, ZuoraRestSimulator::requests).stream()
                .filter(r -> r.file() != null && r.status() >= 200 && r.status() < 300).toList();
    }

    private <S, T> List<T> all(Class<S> type, Function<S, Collection<T>> received) {
        return simulators.simulators(type).stream().flatMap(s -> received.apply(s).stream()).toList();
    }

    private <T> T find(String what, List<T> received, Predicate<T> matches) {
        List<T> found = received.stream().filter(matches).toList();
        if (found.size() != 1) {
            problems.add(what + ": received " + found.size() + " times, expected once");
            return null;
        }
        return found.get(0);
    }

    private void sameBytes(String what, Path previewed, Path received) throws IOException {
        if (Files.mismatch(previewed, received) != -1) {
            problems.add(what + ": the bytes received differ from the preview's");
        }
    }

    private void same(String what, String name, Object received, Object previewed) {
        if (!Objects.equals(received, previewed)) {
            problems.add(what + ": " + name + " received " + received + ", previewed " + previewed);
        }
    }

    /** The record type a batch folder's file is for: its name without the .csv, .json or .ndjson. */
    private static String recordType(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    /** A part's {@code value} or {@code fileName} in a request file, or null when it has no such part. */
    private static String part(JsonNode request, String name, String field) {
        for (JsonNode part : request.path("parts")) {
            if (part.path("name").asText().equals(name)) {
                return part.path(field).asText(null);
            }
        }
        return null;
    }
}

package io.usagebridge.preview;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Writes a dry run's {@code summary.json}: every file's verdict, its requests per target, its failures. */
final class DryRunSummaryWriter {

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    Path write(Path preview, Path inbox, List<DryRunOutcome> outcomes) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("inbox", inbox.toAbsolutePath().toString());
        doc.put("previewedAt", Instant.now().toString());
        doc.put("sent", "nothing: no target was called (no token, no login), nothing was claimed in the ledger, "
                + "no inbox file was moved");
        doc.put("ledger", "a throwaway in-memory one: content an earlier real run already delivered shows here as "
                + "would send, a real run sends it only if its ledger has no accepted delivery of it");
        doc.put("atSendTime", "values only a send knows (a token, a session, a delivery id, a multipart boundary) "
                + "are named in each request's atSendTime; secrets show as " + PreparedRequest.MASK);
        doc.put("files", outcomes.stream().map(DryRunSummaryWriter::file).toList());
        Path summary = preview.resolve("summary.json");
        json.writeValue(summary.toFile(), doc);
        return summary;
    }

    /** One target's share of a file: how many chunks, rows and bytes, and each request (its MD5, its files). */
    private static Map<String, Object> target(List<PreviewedChunk> chunks) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("chunks", chunks.size());
        doc.put("rows", chunks.stream().mapToLong(PreviewedChunk::rows).sum());
        doc.put("bytes", chunks.stream().mapToLong(PreviewedChunk::bytes).sum());
        doc.put("requests", chunks);
        return doc;
    }

    private static Map<String, Object> file(DryRunOutcome outcome) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", outcome.file());
        doc.put("verdict", outcome.verdict());
        Map<String, Map<String, Object>> targets = new LinkedHashMap<>();
        outcome.byTarget().forEach((target, chunks) -> targets.put(target, target(chunks)));
        doc.put("targets", targets);
        doc.put("failures", outcome.failures());
        if (outcome.errorJson() != null) {
            doc.put("errorJson", outcome.errorJson());
        }
        if (outcome.note() != null) {
            doc.put("note", outcome.note());
        }
        return doc;
    }
}

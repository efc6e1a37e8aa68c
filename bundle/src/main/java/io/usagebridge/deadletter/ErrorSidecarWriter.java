package io.usagebridge.deadletter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.usagebridge.csv.LocalFileNames;

/**
 * Writes {@code <file>.error.json} beside the kept original: the first failure at the top (what a person reads
 * first), every failure below, and how to replay. Written to a temp file and moved, so a reader never sees half.
 */
public final class ErrorSidecarWriter {

    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Writes the sidecar of {@code name} (a path below the inbox, kept as {@code keptAs}) into {@code sidecarDir},
     * mirroring the inbox's sub-folders, with the hint that fits its failures.
     */
    public Path writeBeside(Path sidecarDir, String name, String keptAs, Long sourceId, List<FailureRecord> failures)
            throws IOException {
        return write(sidecarOf(sidecarDir, name, keptAs), name, sourceId, failures, hint(name, keptAs, failures));
    }

    /** A sidecar left from an earlier failure goes once the file succeeded (a replay, a resolution). */
    public void deleteBeside(Path sidecarDir, String name, String keptAs) throws IOException {
        Files.deleteIfExists(sidecarOf(sidecarDir, name, keptAs));
    }

    /**
     * Beside the kept original, in the mirror of its sub-folder. The name comes from outside (an SFTP listing): a
     * sub-folder that would lead out of {@code sidecarDir} ({@code ../}, an absolute path) is not followed, the
     * sidecar then goes to {@code sidecarDir} itself.
     */
    public static Path sidecarOf(Path sidecarDir, String name, String keptAs) {
        Path base = sidecarDir.toAbsolutePath().normalize();
        String file = LocalFileNames.fit(Path.of(keptAs).getFileName().toString(), ".error.json");
        Path relativeDir = Path.of(name).getParent();
        Path mirrored = relativeDir == null || relativeDir.isAbsolute() ? base : base.resolve(relativeDir).normalize();
        return (mirrored.startsWith(base) ? mirrored : base).resolve(file);
    }

    /** What to do next: resolve an uncertain send (never resend it by moving the file), or fix and replay. */
    static String hint(String name, String keptAs, List<FailureRecord> failures) {
        Path relativeDir = Path.of(name).getParent();
        String inbox = relativeDir == null ? "the inbox" : "the inbox folder " + relativeDir + "/";
        List<FailureRecord> uncertain = failures.stream()
                .filter(f -> "DELIVERY_UNCERTAIN".equals(f.code()) || "REMOTE_STATUS_TIMEOUT".equals(f.code()))
                .filter(f -> f.deliveryId() != null).toList();
        if (!uncertain.isEmpty()) {
            String ids = String.join(" ", uncertain.stream().map(f -> String.valueOf(f.deliveryId())).distinct()
                    .toList());
            return "a send may have reached its target without an answer (delivery " + ids + "): check the target, "
                    + "then run `usagebridge resolve <delivery> --delivered` if it arrived (nothing is sent, the "
                    + "original goes to done/) or `usagebridge resolve <delivery> --resend` to send it again on "
                    + "purpose. Moving " + keptAs + " back into the inbox does not resend it.";
        }
        return "fix the cause, then move " + keptAs + " back into " + inbox + ": only deliveries not yet ACCEPTED "
                + "are sent again";
    }

    public Path write(Path sidecar, String file, Long sourceId, List<FailureRecord> failures, String replayHint)
            throws IOException {
        FailureRecord first = failures.get(0);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", file);
        doc.put("sourceId", sourceId);
        doc.put("code", first.code());
        doc.put("message", first.message());
        doc.put("stage", first.stage());
        doc.put("target", first.target());
        doc.put("attempts", first.attempts());
        doc.put("retryable", first.retryable());
        doc.put("targetReply", first.targetReply());
        doc.put("time", first.time());
        doc.put("failures", failures);
        doc.put("replay", replayHint);
        doc.put("writtenAt", Instant.now().toString());
        Files.createDirectories(sidecar.getParent());
        // a name of its own: the sidecar's may already fill the file system's limit
        Path tmp = sidecar.resolveSibling(".error-" + UUID.randomUUID() + ".tmp");
        json.writeValue(tmp.toFile(), doc);
        return Files.move(tmp, sidecar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

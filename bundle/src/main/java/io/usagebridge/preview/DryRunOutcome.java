package io.usagebridge.preview;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.deadletter.FailureLog;
import io.usagebridge.deadletter.FailureRecord;

/**
 * One file of a dry run: its verdict, the requests previewed for it, and the failures a real run would record (the
 * same records its {@code .error.json} holds, copied as {@code errorJson} relative to the preview).
 */
public record DryRunOutcome(String file, DryRunVerdict verdict, List<PreviewedChunk> chunks,
                            List<FailureRecord> failures, String errorJson, String note) {

    /**
     * The outcome of a file (or batch folder) whose exchange ran: the failures its log holds (an error no failure
     * records is the dry run's own, and thrown).
     */
    public static DryRunOutcome of(DryRunFile file, Exchange done, String errorJson) {
        FailureLog log = done.getProperty(ExchangeKeys.FAILURES, FailureLog.class);
        List<FailureRecord> failures = log == null ? List.of() : log.all();
        if (done.getException() != null && failures.isEmpty()) {
            throw new IllegalStateException("the dry run of " + file.name() + " failed: "
                    + done.getException().getMessage(), done.getException());
        }
        return of(file, failures, errorJson);
    }

    static DryRunOutcome of(DryRunFile file, List<FailureRecord> failures, String errorJson) {
        DryRunVerdict verdict = !failures.isEmpty() ? DryRunVerdict.WOULD_FAIL
                : file.chunks().isEmpty() ? DryRunVerdict.NOTHING_TO_SEND : DryRunVerdict.WOULD_SEND;
        String note = verdict == DryRunVerdict.NOTHING_TO_SEND
                ? "the same content as an earlier file of this dry run: a real run sends it once" : null;
        return new DryRunOutcome(file.name(), verdict, file.chunks(), failures, errorJson, note);
    }

    /** The human line of this file. */
    public String line() {
        return file + ": " + switch (verdict) {
            case WOULD_SEND -> "would send " + perTarget();
            case WOULD_FAIL -> "would fail " + failures.stream().map(f -> f.code() + " (" + f.message() + ")")
                    .collect(Collectors.joining("; ")) + (chunks.isEmpty() ? ", nothing sent" : "; would still send "
                    + perTarget());
            case NOTHING_TO_SEND, NOT_PREVIEWED -> "nothing to send: " + note;
        };
    }

    /** The requests by target, in the order they were previewed. */
    public Map<String, List<PreviewedChunk>> byTarget() {
        return chunks.stream().collect(Collectors.groupingBy(PreviewedChunk::target, LinkedHashMap::new,
                Collectors.toList()));
    }

    private String perTarget() {
        return byTarget().entrySet().stream().map(e -> e.getKey() + " " + e.getValue().size() + " chunk(s), "
                + e.getValue().stream().mapToLong(PreviewedChunk::rows).sum() + " rows, "
                + e.getValue().stream().mapToLong(PreviewedChunk::bytes).sum() + " bytes")
                .collect(Collectors.joining(", "));
    }
}

package io.usagebridge.reconcile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;

/**
 * What a target said of a delivery's rows, from its result file or, when it kept none, from the line its failed job
 * names ("Line 3: QTY is required", a usage import's own words). An accepted job leaves only its refused records
 * unbilled; a failed one leaves every row of the chunk unbilled, since Zuora imports usage all or nothing.
 */
public final class RefusedRows {

    /** The line of the file sent that a target's message names (1 is the header). */
    private static final Pattern LINE = Pattern.compile("(?i)\\bline (\\d{1,12})\\b");
    private static final String JOB_PREFIX = "the target finished the job as ";

    private RefusedRows() {
    }

    /** The verdicts on {@code delivery}'s rows, or empty when the target gave none this can place. */
    public static Optional<RowVerdicts> of(DeliveryRow delivery, Optional<Path> resultFile) throws IOException {
        if (!delivery.rowsRefusedRemotely()) {
            return Optional.empty();
        }
        Optional<Map<Long, String>> fromFile = resultFile.isPresent() ? TargetRowResults.refusedRows(resultFile.get())
                : Optional.empty();
        if (delivery.state() == DeliveryState.ACCEPTED) {
            return fromFile.map(refused -> new RowVerdicts(delivery, refused, null));
        }
        String message = targetsWords(delivery.errorMessage());
        Map<Long, String> refused = fromFile.orElseGet(() -> namedLine(message));
        String others = "not imported: the target imports a file all or nothing and refused this one"
                + (refused.isEmpty() && !message.isEmpty() ? " (" + message + ")" : "");
        return Optional.of(new RowVerdicts(delivery, refused, others));
    }

    private static Map<Long, String> namedLine(String message) {
        Matcher line = LINE.matcher(message);
        if (!line.find()) {
            return Map.of();
        }
        long record = Long.parseLong(line.group(1)) - 2;
        return record < 0 ? Map.of() : Map.of(record, message);
    }

    /** The target's message without the ledger's own lead-in ("the target finished the job as Failed: ..."). */
    private static String targetsWords(String errorMessage) {
        if (errorMessage == null) {
            return "";
        }
        if (errorMessage.startsWith(JOB_PREFIX)) {
            int colon = errorMessage.indexOf(": ");
            return colon < 0 ? "" : errorMessage.substring(colon + 2).trim();
        }
        return errorMessage.trim();
    }
}

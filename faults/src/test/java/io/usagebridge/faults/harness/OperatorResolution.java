package io.usagebridge.faults.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an operator does with each uncertain delivery: looks at the target (here, the simulator's arrivals) and
 * answers {@code --delivered} when it has the delivery's rows, {@code --resend} when it has none.
 */
public final class OperatorResolution {

    private OperatorResolution() {
    }

    public static List<ResolveCommand.Result> resolveAll(Path jar, AppProcess app, Path logDir, LedgerAccess ledger,
                                                         TargetArrivals arrivals, List<GeneratedFile> files) {
        List<ResolveCommand.Result> results = new ArrayList<>();
        for (LedgerAccess.UncertainDelivery delivery : ledger.uncertain()) {
            ResolveCommand.Mode mode = decide(delivery, ledger, arrivals, files);
            results.add(ResolveCommand.run(jar, app, delivery.id(), mode, logDir));
        }
        return results;
    }

    static ResolveCommand.Mode decide(LedgerAccess.UncertainDelivery delivery, LedgerAccess ledger,
                                      TargetArrivals arrivals, List<GeneratedFile> files) {
        Optional<GeneratedFile> file = files.stream().filter(f -> f.sha256().equals(delivery.sourceSha256()))
                .findFirst();
        if (file.isEmpty()) {
            return ResolveCommand.Mode.RESEND;
        }
        List<String> rows = rowsOfChunk(file.get(), delivery, ledger);
        return arrivals.hasNone(rows) ? ResolveCommand.Mode.RESEND : ResolveCommand.Mode.DELIVERED;
    }

    /** The rows of this chunk: the file's rows in order, cut by the chunk sizes the ledger recorded. */
    static List<String> rowsOfChunk(GeneratedFile file, LedgerAccess.UncertainDelivery delivery,
                                    LedgerAccess ledger) {
        List<LedgerAccess.DeliveryChunk> chunks = ledger.deliveriesOf(file.sha256()).stream()
                .filter(c -> c.target().equals(delivery.target())).toList();
        if (chunks.size() <= 1 || chunks.stream().anyMatch(c -> c.chunkRows() == null)) {
            return file.rowIds();
        }
        int from = 0;
        for (LedgerAccess.DeliveryChunk chunk : chunks) {
            int to = (int) Math.min(file.rowIds().size(), from + chunk.chunkRows());
            if (chunk.id() == delivery.id()) {
                return file.rowIds().subList(from, to);
            }
            from = to;
        }
        return file.rowIds();
    }
}

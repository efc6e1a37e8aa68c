package io.usagebridge.poll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.usagebridge.csv.LocalFileNames;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.SourceRow;

/**
 * Where a target's result file (an Import's result zip, a mass action's output) is: while its source waits, where
 * the download left it; once the source is finished, beside the original ({@code <file>.<target>-result.zip}) or, for
 * an original on an SFTP server, beside its local sidecars.
 */
public final class ResultFiles {

    private ResultFiles() {
    }

    /** Where the result of {@code delivery} goes when its source, now at {@code keptAt}, is finished. */
    public static Path besideOriginal(SourceRow source, String keptAt, DeliveryRow delivery) {
        String chunk = delivery.chunkCount() > 1 ? "-chunk-" + delivery.chunkNo() : "";
        return besideOriginal(source, keptAt, "." + delivery.target() + chunk + "-result.zip");
    }

    /** The file {@code <original's name><suffix>} beside the original at {@code keptAt} (or its local sidecars). */
    public static Path besideOriginal(SourceRow source, String keptAt, String suffix) {
        Path keptPath = Path.of(keptAt);
        Path dir = keptPath.isAbsolute() ? keptPath.getParent() : sidecarMirror(source);
        return dir.resolve(LocalFileNames.fit(keptPath.getFileName().toString(), suffix));
    }

    /** The result file of {@code delivery} as it is now, if it was kept. */
    public static Optional<Path> find(SourceRow source, DeliveryRow delivery) {
        if (delivery.resultPath() != null && Files.isRegularFile(Path.of(delivery.resultPath()))) {
            return Optional.of(Path.of(delivery.resultPath()));
        }
        if (source.keptAt() == null) {
            return Optional.empty();
        }
        Path beside = besideOriginal(source, source.keptAt(), delivery);
        return Files.isRegularFile(beside) ? Optional.of(beside) : Optional.empty();
    }

    private static Path sidecarMirror(SourceRow source) {
        Path relativeDir = Path.of(source.name()).getParent();
        Path dir = Path.of(source.sidecarDir());
        return relativeDir == null ? dir : dir.resolve(relativeDir);
    }
}

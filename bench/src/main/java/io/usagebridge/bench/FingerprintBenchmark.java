package io.usagebridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.usagebridge.intake.StreamingFingerprinter;
import io.usagebridge.ledger.Fingerprint;

/**
 * Case b: the intake's one pass over a file, {@link StreamingFingerprinter#copyAndFingerprint} (copy to a work file,
 * MD5, SHA-256, line count), on a large file. One invocation is one whole pass, so single-shot time: each iteration
 * copies the file once to a new work file, as the intake does for every source.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FingerprintBenchmark {

    /** The file to fingerprint (FingerprintCase generates it). */
    @Param("")
    public String file;

    /** As the intake builds it: progress reported every 64 MiB (intake.progress-every-bytes). */
    private final StreamingFingerprinter fingerprinter = new StreamingFingerprinter(64L * 1024 * 1024);

    @Benchmark
    public Fingerprint copyAndFingerprint() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return fingerprinter.copyAndFingerprint(in, workCopy(), bytes -> { });
        }
    }

    /** Each pass writes a new work file, as the intake does; the last one is removed after the iteration. */
    @TearDown(Level.Iteration)
    public void removeWorkCopy() throws IOException {
        Files.deleteIfExists(workCopy());
    }

    private Path workCopy() {
        Path source = Path.of(file);
        return source.resolveSibling("work").resolve(source.getFileName());
    }
}

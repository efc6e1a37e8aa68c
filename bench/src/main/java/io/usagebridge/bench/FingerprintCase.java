package io.usagebridge.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;

import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import io.usagebridge.intake.StreamingFingerprinter;

/**
 * Case b: {@link FingerprintBenchmark} (JMH, a forked JVM) on a generated usage CSV, against {@code md5sum} of the
 * same file timed here in the same run. The file is read once before either, so both read it from the page cache;
 * the fingerprinter's MD5 is checked against md5sum's, so the benchmark measured a pass that got it right.
 */
public final class FingerprintCase {

    public record Result(long bytes, List<Double> fingerprintSeconds, double fingerprintLoadBefore,
            double fingerprintLoadAfter, List<Double> md5sumSeconds, double md5sumLoadBefore, double md5sumLoadAfter,
            String md5) {
    }

    private static final int MD5SUM_RUNS = 5;
    private final BenchSettings settings;

    public FingerprintCase(BenchSettings settings) {
        this.settings = settings;
    }

    public Result run() throws IOException, InterruptedException, RunnerException {
        Path dir = settings.workDir().resolve("fingerprint");
        Path file = dir.resolve("usage-" + settings.fingerprintMiB() + "MiB.csv");
        long bytes = (long) settings.fingerprintMiB() * 1024 * 1024;
        if (!Files.isRegularFile(file) || Files.size(file) != bytes) {
            System.out.printf("bench: fingerprint: writing %s (%d MiB)%n", file, settings.fingerprintMiB());
            writeUsageCsv(file, bytes);
        }
        Files.createDirectories(dir.resolve("work"));
        String expectedMd5 = md5sum(file); // also brings the file into the page cache
        String passMd5 = new StreamingFingerprinter(Long.MAX_VALUE).fingerprint(file).md5();
        if (!passMd5.equals(expectedMd5)) {
            throw new IllegalStateException("StreamingFingerprinter's MD5 " + passMd5 + " is not md5sum's "
                    + expectedMd5);
        }

        double jmhBefore = LoadAverage.oneMinute();
        List<Double> fingerprint = jmh(file);
        double jmhAfter = LoadAverage.oneMinute();

        double md5Before = LoadAverage.oneMinute();
        md5sum(file); // a warm-up, as JMH warms up
        List<Double> md5sum = new ArrayList<>();
        for (int i = 0; i < MD5SUM_RUNS; i++) {
            long start = System.nanoTime();
            md5sum(file);
            md5sum.add((System.nanoTime() - start) / 1e9);
        }
        double md5After = LoadAverage.oneMinute();
        System.out.printf("bench: fingerprint: copyAndFingerprint median %.3f s, md5sum median %.3f s%n",
                Median.of(fingerprint), Median.of(md5sum));
        return new Result(bytes, fingerprint, jmhBefore, jmhAfter, md5sum, md5Before, md5After, expectedMd5);
    }

    /** JMH's measured iterations, in seconds. */
    private List<Double> jmh(Path file) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(FingerprintBenchmark.class.getName() + ".copyAndFingerprint")
                .param("file", file.toAbsolutePath().toString())
                .forks(1)
                .warmupIterations(settings.jmhWarmups())
                .measurementIterations(settings.jmhIterations())
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<Double> seconds = new ArrayList<>();
        for (RunResult result : results) {
            for (var benchmark : result.getBenchmarkResults()) {
                for (IterationResult iteration : benchmark.getIterationResults()) {
                    // single-shot time in the benchmark's unit, milliseconds
                    seconds.add(iteration.getPrimaryResult().getScore() / 1000.0);
                }
            }
        }
        if (seconds.isEmpty()) {
            throw new IllegalStateException("JMH returned no iterations");
        }
        return seconds;
    }

    /** md5sum's digest of the file (it runs to the end: the time taken is the caller's to read). */
    private static String md5sum(Path file) throws IOException, InterruptedException {
        Process md5sum = new ProcessBuilder("md5sum", file.toString()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = md5sum.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        if (md5sum.waitFor() != 0) {
            throw new IllegalStateException("md5sum failed: " + out);
        }
        return out.substring(0, out.indexOf(' '));
    }

    /**
     * Usage rows until {@code bytes} (the last row cut where the size is reached): digest and line-count costs do
     * not depend on the values, but the file looks like what the intake reads.
     */
    static void writeUsageCsv(Path file, long bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Random random = new Random(17);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            byte[] header = (UsageFileSet.HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
            out.write(header);
            long written = header.length;
            StringBuilder row = new StringBuilder(128);
            while (written < bytes) {
                row.setLength(0);
                int day = 1 + random.nextInt(28);
                row.append("2026-11-").append(day < 10 ? "0" : "").append(day).append(" 08:")
                        .append(10 + random.nextInt(50)).append(":00,2026-11-").append(day < 10 ? "0" : "")
                        .append(day).append(" 17:30:00,storage-gb,EU bucket hot tier ").append(random.nextInt(1 << 20))
                        .append(',').append(Integer.toHexString(random.nextInt()).toUpperCase()).append('\n');
                byte[] line = row.toString().getBytes(StandardCharsets.US_ASCII);
                int n = (int) Math.min(line.length, bytes - written);
                out.write(line, 0, n);
                written += n;
            }
        }
    }
}

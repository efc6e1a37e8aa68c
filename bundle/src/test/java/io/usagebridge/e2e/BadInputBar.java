package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.csv.LocalFileNames;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.ledger.Ledger;

/**
 * The bad-input suites' one bar, the same for every target: each case ends in its folder (done/ or failed/) with
 * the original byte-identical, a failed one with its code (and line) in its error.json; the ledger shows nothing
 * of a failed case sent and each good case's chunks accepted at the first attempt; the target received exactly the
 * good cases' uploads; the intakes still run.
 */
final class BadInputBar {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HeapPeak heapPeak;

    /** Writes a generated case's content. */
    interface Content {
        void write(Writer out) throws IOException;
    }

    private final Path data;
    private final Supplier<Ledger> ledger;

    BadInputBar(Path data, Supplier<Ledger> ledger) {
        this.data = data;
        this.ledger = ledger;
    }

    /** A file written at test time (big files are never committed), outside the inbox. */
    Path generated(String name, Content content) throws IOException {
        Path file = data.resolve("generated").resolve(name);
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            content.write(out);
        }
        return file;
    }

    /** A symbolic link case: the link, made beside the inbox and moved in; a twin outside to compare with. */
    BadInputCase link(String name, Path target, String code) throws IOException {
        Path twin = Files.createDirectories(data.resolve("generated/links")).resolve(name);
        Files.createSymbolicLink(twin, target);
        Path staged = Files.createDirectories(data.resolve("staging")).resolve(name);
        Files.createSymbolicLink(staged, target);
        Files.move(staged, Files.createDirectories(data.resolve("inbox")).resolve(name));
        return BadInputCase.failed(name, twin, code, "");
    }

    /** Every case copied beside the inbox, then moved in whole, as a producer does. */
    void drop(List<BadInputCase> cases) throws IOException {
        heapPeak = new HeapPeak();
        for (BadInputCase c : cases) {
            Path staged = data.resolve("staging").resolve(c.name());
            copyTree(c.original(), staged);
            Path target = data.resolve("inbox").resolve(c.name());
            Files.createDirectories(target.getParent());
            Files.move(staged, target);
        }
    }

    /** Waits until every case has ended (a failed one with its sidecar), then checks it against the bar. */
    void assertMet(List<BadInputCase> cases, IntSupplier receivedAtTarget, CamelContext context, String... intakes) {
        await().atMost(180, SECONDS).pollInterval(200, MILLISECONDS).untilAsserted(() -> assertEquals(List.of(),
                cases.stream().filter(c -> endedIn(c).filter(o -> !o.equals("FAILED") || Files.exists(sidecar(c)))
                        .isEmpty()).map(BadInputCase::name).toList(), "cases not ended yet"));
        List<String> wrong = new ArrayList<>();
        for (BadInputCase c : cases) {
            wrong.addAll(problems(c));
        }
        assertEquals(List.of(), wrong);
        reportPeakHeap(cases.size());
        assertEquals(cases.stream().mapToInt(BadInputCase::sends).sum(), receivedAtTarget.getAsInt(),
                "the target received each good case's uploads once, and nothing of a bad one");
        // what the app copied or cut is gone once every case ended: no work file is left behind
        await().atMost(30, SECONDS).pollInterval(200, MILLISECONDS).untilAsserted(() -> assertEquals(List.of(),
                workFiles(), "files left in the work folder"));
        for (String intake : intakes) {
            assertEquals(ServiceStatus.Started, context.getRouteController().getRouteStatus(intake),
                    intake + " keeps taking files");
        }
    }

    private List<String> problems(BadInputCase c) {
        List<String> wrong = new ArrayList<>();
        String outcome = endedIn(c).orElseThrow();
        if (!outcome.equals(c.outcome())) {
            return List.of(c.name() + ": ended " + outcome + ", expected " + c.outcome() + sidecarSays(c));
        }
        Path kept = data.resolve(outcome.toLowerCase()).resolve(c.name());
        if (!sameTree(c.original(), kept)) {
            wrong.add(c.name() + ": the kept original differs from the dropped one");
        }
        if (!c.good()) {
            JsonNode error = read(sidecar(c));
            String code = error.get("code").asText();
            String message = error.get("message").asText();
            if (!code.equals(c.code())) {
                wrong.add(c.name() + ": code " + code + ", expected " + c.code() + " (" + message + ")");
            } else if (!c.line().isEmpty() && !message.contains("line " + c.line())) {
                wrong.add(c.name() + ": the message names no line " + c.line() + ": " + message);
            }
        }
        List<DeliveryRow> deliveries = deliveriesOf(c);
        if (c.good()) {
            long accepted = deliveries.stream().filter(d -> d.state() == DeliveryState.ACCEPTED && d.attempts() == 1)
                    .count();
            if (accepted != c.sends() || deliveries.size() != c.sends()) {
                wrong.add(c.name() + ": " + deliveries.size() + " deliveries, " + accepted + " accepted at the first "
                        + "attempt; expected " + c.sends());
            }
        } else if (deliveries.stream().anyMatch(d -> d.attempts() > 0)) {
            wrong.add(c.name() + ": something of it was sent");
        }
        return wrong;
    }

    /** The deliveries of the case's file, or of each file of its batch folder. */
    private List<DeliveryRow> deliveriesOf(BadInputCase c) {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(c.original())) {
            try (Stream<Path> files = Files.list(c.original())) {
                files.forEach(f -> names.add(c.name() + "/" + f.getFileName()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            names.add(c.name());
        }
        Ledger l = ledger.get();
        return names.stream().flatMap(n -> l.sources().sourcesNamed(n).stream())
                .flatMap(s -> l.deliveries().deliveriesOf(s.id()).stream()).toList();
    }

    private List<String> workFiles() throws IOException {
        Path work = data.resolve("work");
        if (!Files.exists(work)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(work)) {
            return files.filter(Files::isRegularFile).map(f -> work.relativize(f).toString()).toList();
        }
    }

    Optional<String> endedIn(BadInputCase c) {
        for (String outcome : List.of("DONE", "FAILED", "DUPLICATE")) {
            if (Files.exists(data.resolve(outcome.toLowerCase()).resolve(c.name()), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }

    /** Where the product writes a case's sidecar: beside it, its name fitted to 255 bytes as the product fits it. */
    private Path sidecar(BadInputCase c) {
        Path kept = data.resolve("failed").resolve(c.name());
        return kept.resolveSibling(LocalFileNames.fit(kept.getFileName().toString(), ".error.json"));
    }

    private String sidecarSays(BadInputCase c) {
        Path sidecar = sidecar(c);
        if (!Files.exists(sidecar)) {
            return "";
        }
        JsonNode error = read(sidecar);
        return " (" + error.get("code").asText() + ": " + error.get("message").asText() + ")";
    }

    /**
     * The most heap in use at once from the drop to the end (sampled), beside the JVM's maximum, in
     * target/bad-input-heap/: the figure docs/SECURITY.md quotes.
     */
    private void reportPeakHeap(int cases) {
        long peak = heapPeak == null ? 0 : heapPeak.bytes();
        if (heapPeak != null) {
            heapPeak.close();
        }
        long max = Runtime.getRuntime().maxMemory();
        String suite = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass).filter(c -> c.getSimpleName().endsWith("SuiteTest"))
                .findFirst().map(Class::getSimpleName).orElse("bad-input"));
        String line = String.format("%s: %d cases, peak heap %d MiB of %d MiB%n", suite, cases, peak >> 20, max >> 20);
        try {
            Path report = Files.createDirectories(Path.of("target", "bad-input-heap")).resolve(suite + ".txt");
            Files.writeString(report, line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.print(line);
    }

    private static JsonNode read(Path json) {
        try {
            return JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        if (!Files.isDirectory(from)) {
            Files.copy(from, to);
            return;
        }
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        }
    }

    private static boolean sameTree(Path original, Path kept) {
        try {
            if (Files.isSymbolicLink(original) || Files.isSymbolicLink(kept)) {
                // a link is kept as the link it was, its target untouched
                return Files.isSymbolicLink(kept) && Files.isSymbolicLink(original)
                        && Files.readSymbolicLink(original).equals(Files.readSymbolicLink(kept));
            }
            if (!Files.isDirectory(original)) {
                return Files.mismatch(original, kept) == -1;
            }
            try (Stream<Path> files = Files.list(original)) {
                for (Path f : files.toList()) {
                    if (Files.mismatch(f, kept.resolve(f.getFileName().toString())) != -1) {
                        return false;
                    }
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

package io.usagebridge.e2e;

import static io.usagebridge.e2e.BadInputCase.done;
import static io.usagebridge.e2e.BadInputCase.failed;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.UsageBridgeTestSupport;

/**
 * The folder intake against what a file system can hold besides a plain finished file: symbolic links (refused
 * with FILE_IS_SYMBOLIC_LINK, their target never read; a linked folder is never entered), a file still being
 * written and a zero-byte file that grows (taken once, whole, when stable for the read lock's minimum age), an
 * unreadable file (FILE_UNREADABLE), names holding {@code ..} or unicode, names over 245 bytes.
 */
class FolderIntakeFileSystemCasesTest extends UsageBridgeTestSupport {

    /** A writer pausing for less than this is never cut (ample beside the pauses, on a loaded machine too). */
    private static final long MIN_AGE_MS = 3_000;
    /** Each pause of the writers below: well within the read lock's minimum age. */
    private static final Duration PAUSE = Duration.ofMillis(400);

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("intake.folder.read-lock-min-age-ms", String.valueOf(MIN_AGE_MS));
        return p;
    }

    @Test
    void fileSystemCasesEndAsDocumentedAndNothingOfTheBadOnesIsSent() throws Exception {
        BadInputBar bar = new BadInputBar(data, this::ledger);
        List<BadInputCase> dropped = new ArrayList<>();
        for (String name : List.of("usage..2026-11.csv", "ünïcödé 東京 usage.csv", longName(246, 'a'),
                longName(255, 'b'))) {
            dropped.add(done(name, bar.generated("names/" + name, NameCases.content(name)), 1));
        }
        String badLongName = longName(250, 'c');
        dropped.add(failed(badLongName, bar.generated("names/" + badLongName, out -> out.write(
                usageCsv("11/01/2026 10:00,2026-11-01 11:00:00,metered-api,long,SUB1"))), "CSV_VALUE_INVALID", "2"));
        bar.drop(dropped);
        List<BadInputCase> cases = new ArrayList<>(dropped);

        // links: one to a file outside the inbox, one to a file beside it (not itself a *.csv), one to a folder
        Path outside = bar.generated("outside/secret.csv", NameCases.content("outside"));
        Files.writeString(inbox().resolve("real-file.txt"), usageCsv(
                "2026-11-01 10:00:00,2026-11-01 11:00:00,metered-api,beside,SUB1"));
        Path outsideFolder = bar.generated("outside-folder/usage.csv", NameCases.content("outside-folder"));
        cases.add(bar.link("link-to-outside.csv", outside, "FILE_IS_SYMBOLIC_LINK"));
        cases.add(bar.link("link-beside.csv", Path.of("real-file.txt"), "FILE_IS_SYMBOLIC_LINK"));
        Files.createSymbolicLink(inbox().resolve("linked-folder"), outsideFolder.getParent());

        // written in place, in steps: header first, then a row at a time
        Path whole = bar.generated("still-being-written.csv", out -> out.write(usageCsv(
                "2026-11-01 10:00:00,2026-11-01 11:00:00,metered-api,step-1,SUB1",
                "2026-11-02 10:00:00,2026-11-02 11:00:00,metered-api,step-2,SUB1",
                "2026-11-03 10:00:00,2026-11-03 11:00:00,metered-api,step-3,SUB1")));
        Path zeroThenGrown = bar.generated("zero-byte-that-grows.csv", NameCases.content("zero-byte"));
        Path growing = inbox().resolve("still-being-written.csv");
        List<String> lines = Files.readAllLines(whole);
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                stillInTheInboxFor(PAUSE, growing);
            }
            Files.writeString(growing, lines.get(i) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        // created only now: a zero-byte file left alone for the minimum age is taken, and fails with FILE_EMPTY
        Path zero = Files.createFile(inbox().resolve("zero-byte-that-grows.csv"));
        stillInTheInboxFor(PAUSE, zero);
        try (var out = Files.newOutputStream(zero, StandardOpenOption.APPEND)) {
            Files.copy(zeroThenGrown, out);
        }
        cases.add(done("still-being-written.csv", whole, 1));
        cases.add(done("zero-byte-that-grows.csv", zeroThenGrown, 1));

        bar.assertMet(cases, () -> twoCheckout.received().size(), context, "intake-folder");

        assertEquals(Files.size(whole), ledger().sources().sourcesNamed("still-being-written.csv").get(0).bytes(),
                "taken whole, once");
        assertEquals(1, ledger().sources().sourcesNamed("zero-byte-that-grows.csv").size(), "taken once, grown");
        assertTrue(Files.isSymbolicLink(data.resolve("failed/link-to-outside.csv")), "the link itself is kept");
        assertEquals(outside, Files.readSymbolicLink(data.resolve("failed/link-to-outside.csv")));
        assertTrue(Files.exists(outside) && Files.exists(inbox().resolve("real-file.txt")),
                "a link's target stays where it is");
        await().during(Duration.ofMillis(MIN_AGE_MS + 500)).atMost(10, SECONDS).until(() -> Files.exists(outsideFolder)
                && Files.isSymbolicLink(inbox().resolve("linked-folder"))
                && ledger().sources().sourcesNamed("linked-folder/usage.csv").isEmpty());
    }

    @Test
    void unreadableFileEndsInFailedWithItsCodeAndIsNotSent() throws Exception {
        BadInputBar bar = new BadInputBar(data, this::ledger);
        Path source = bar.generated("unreadable.csv", NameCases.content("unreadable"));
        Path staged = Files.copy(source, Files.createDirectories(data.resolve("staging")).resolve("unreadable.csv"));
        Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(staged), "this test runs as root, whom chmod 000 does not stop from reading: "
                + "the unreadable-file case cannot be made here");
        Files.move(staged, Files.createDirectories(inbox()).resolve("unreadable.csv"));

        Path kept = data.resolve("failed/unreadable.csv");
        Path sidecar = data.resolve("failed/unreadable.csv.error.json");
        await().atMost(30, SECONDS).until(() -> Files.exists(kept) && Files.exists(sidecar));

        assertEquals("FILE_UNREADABLE", new ObjectMapper().readTree(sidecar.toFile()).get("code").asText());
        assertEquals(0, twoCheckout.received().size());
        Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-------"));
        assertEquals(-1, Files.mismatch(source, kept), "kept byte for byte");
    }

    /** The file is not taken while its writer pauses. */
    private void stillInTheInboxFor(Duration pause, Path file) {
        await().during(pause).atMost(pause.multipliedBy(3)).until(() -> Files.exists(file)
                && ledger().sources().sourcesNamed(file.getFileName().toString()).isEmpty());
    }

    /** A name of exactly {@code bytes} bytes in UTF-8, ending in .csv. */
    private static String longName(int bytes, char fill) {
        return "long-" + bytes + "-" + String.valueOf(fill).repeat(bytes - 10 - String.valueOf(bytes).length()) + ".csv";
    }
}

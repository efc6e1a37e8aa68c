package io.usagebridge.intake;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.health.IntakeLivenessCheck;
import io.usagebridge.ledger.SourceRow;
import io.usagebridge.ledger.SourceState;

/**
 * folder-source as a user writes it: one templatedRoute beside the shipped routes. With only {@code dir} given, the
 * outcomes are kept in hidden folders inside the inbox (never taken again); outcome folders and a done-file marker
 * given as parameters are honoured.
 */
class FolderSourceTemplateTest extends UsageBridgeTestSupport {

    private static final String GOOD = usageCsv("2026-11-01,2026-11-01,metered-api,second,SUB-7");
    private static final String BAD = usageCsv("2026-11-01,not-a-date,metered-api,,SUB-7");

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("intake.second.dir", data.resolve("second-inbox").toString());
        p.put("intake.marked.dir", data.resolve("marked-inbox").toString());
        p.put("intake.marked.done-dir", data.resolve("marked-done").toString());
        p.put("intake.marked.failed-dir", data.resolve("marked-failed").toString());
        return p;
    }

    @Override
    protected List<Path> extraRouteFolders() {
        try {
            Path routes = Files.createDirectories(data.resolve("user-routes"));
            Files.writeString(routes.resolve("intake-second.camel.yaml"), """
                    - templatedRoute:
                        routeTemplateRef: folder-source
                        routeId: intake-second
                        parameters:
                          - name: dir
                            value: "{{intake.second.dir}}"
                    """);
            // an id outside the intake-* convention: still watched by liveness, as a route of an intake template
            Files.writeString(routes.resolve("marked-inbox.camel.yaml"), """
                    - templatedRoute:
                        routeTemplateRef: folder-source
                        routeId: marked-inbox
                        parameters:
                          - name: dir
                            value: "{{intake.marked.dir}}"
                          - name: doneDir
                            value: "{{intake.marked.done-dir}}"
                          - name: failedDir
                            value: "{{intake.marked.failed-dir}}"
                          - name: doneFileName
                            value: "${file:name}.ready"
                    """);
            return List.of(routes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void withOnlyADirGoodFilesEndInDoneBadOnesInFailedAndCopiesInDuplicate() throws Exception {
        Path inbox = data.resolve("second-inbox");
        dropInto(inbox, "usage-good.csv", GOOD);
        Path done = inbox.resolve(".done/usage-good.csv");
        await().atMost(30, SECONDS).until(() -> Files.exists(done));
        assertEquals(GOOD, Files.readString(done));
        SourceRow good = ledger().sources().sourcesNamed("usage-good.csv").get(0);
        assertEquals(SourceState.DONE, good.state());
        assertEquals("intake-second", good.intakeRoute());
        assertEquals(1, twoCheckout.accepted().size());

        dropInto(inbox, "usage-bad.csv", BAD);
        Path failed = inbox.resolve(".failed/usage-bad.csv");
        Path sidecar = inbox.resolve(".failed/usage-bad.csv.error.json");
        await().atMost(30, SECONDS).until(() -> Files.exists(failed) && Files.exists(sidecar));
        JsonNode error = new ObjectMapper().readTree(sidecar.toFile());
        assertEquals("CSV_VALUE_INVALID", error.get("code").asText());
        assertEquals(SourceState.FAILED, ledger().sources().sourcesNamed("usage-bad.csv").get(0).state());

        dropInto(inbox, "usage-good-again.csv", GOOD);
        await().atMost(30, SECONDS).until(() -> Files.exists(inbox.resolve(".duplicate/usage-good-again.csv")));
        SourceRow copy = ledger().sources().sourcesNamed("usage-good-again.csv").get(0);
        assertEquals(SourceState.DUPLICATE, copy.state());
        assertEquals(good.id(), copy.duplicateOf());

        assertEquals(1, twoCheckout.requestCount(), "the bad file and the copy sent nothing");
        // the hidden outcome folders inside the inbox are never polled: each file was taken once
        assertEquals(1, ledger().sources().sourcesNamed("usage-good.csv").size());
        assertEquals(1, ledger().sources().sourcesNamed("usage-bad.csv").size());
        assertFalse(Files.exists(data.resolve("done/usage-good.csv")), "not the main inbox's done/");
    }

    @Test
    void givenFoldersAndADoneFileMarkerAreHonoured() throws Exception {
        Path inbox = data.resolve("marked-inbox");
        Path file = dropInto(inbox, "usage-marked.csv", GOOD);
        // no marker yet: polled again and again, the file stays
        await().during(800, MILLISECONDS).atMost(5, SECONDS).until(() -> Files.exists(file));
        assertEquals(List.of(), ledger().sources().sourcesNamed("usage-marked.csv"));

        Files.writeString(inbox.resolve("usage-marked.csv.ready"), "");
        Path done = data.resolve("marked-done/usage-marked.csv");
        await().atMost(30, SECONDS).until(() -> Files.exists(done));
        await().atMost(10, SECONDS).until(() -> !Files.exists(inbox.resolve("usage-marked.csv.ready")));
        assertEquals(SourceState.DONE, ledger().sources().sourcesNamed("usage-marked.csv").get(0).state());

        IntakeLivenessCheck liveness = context.getRegistry().lookupByNameAndType("intakeLivenessCheck",
                IntakeLivenessCheck.class);
        assertTrue(liveness.check().details().containsKey("marked-inbox"), liveness.check().details().toString());
    }

    private Path dropInto(Path folder, String name, String content) throws IOException {
        Path staging = data.resolve("staging").resolve(name);
        Files.createDirectories(staging.getParent());
        Files.writeString(staging, content);
        Files.createDirectories(folder);
        return Files.move(staging, folder.resolve(name));
    }
}

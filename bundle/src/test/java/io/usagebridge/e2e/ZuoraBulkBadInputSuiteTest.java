package io.usagebridge.e2e;

import static io.usagebridge.e2e.BadInputCase.done;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.sandbox.zuora.ZuoraRestRequest;
import io.usagebridge.sandbox.zuora.ZuoraRestSimulator;
import io.usagebridge.targets.zuora.ZuoraFileNames;

/**
 * The bad-input suite for the Zuora REST mass-action target (zuora-rest-bulk, CreateRevenueSchedule): the cases of
 * bad-input/any-csv/cases.csv, the chunk limits of {@link ChunkLimitCases} and names at and one over Zuora's file
 * name rule, all dropped at once into one app, held to {@link BadInputBar}.
 */
class ZuoraBulkBadInputSuiteTest extends UsageBridgeTestSupport {

    private static final String TARGET = "zuora-revenue";

    private static ZuoraRestSimulator zuora;

    @BeforeAll
    static void startZuora() throws IOException {
        zuora = new ZuoraRestSimulator();
        zuora.addClient("bad-input-suite", "bad-input-suite-secret");
        zuora.start(0);
    }

    @AfterAll
    static void stopZuora() {
        zuora.stop();
    }

    @Override
    protected Properties testProperties() {
        Properties p = ZuoraRestTargetsTest.withZuoraRestTargets(super.testProperties(), zuora.baseUrl(),
                "bad-input-suite", "bad-input-suite-secret");
        return ChunkLimitCases.limits(p, TARGET);
    }

    @Override
    protected List<Path> extraRouteFolders() {
        return availableRoutes("target-zuora-usage.camel.yaml", "target-zuora-revenue-schedules.camel.yaml");
    }

    @Test
    void everyCaseEndsAsDocumentedAndOnlyTheGoodOnesReachV1BulkOnce() throws Exception {
        BadInputBar bar = new BadInputBar(data, this::ledger);
        List<BadInputCase> cases = new ArrayList<>(BadInputCases.read(
                BadInputCases.SUITE.resolve("any-csv/cases.csv"), TARGET));
        cases.addAll(ChunkLimitCases.of(bar, TARGET));
        for (String name : List.of(NameCases.ofLength(ZuoraFileNames.FILE_NAME_LIMIT - 1),
                NameCases.ofLength(ZuoraFileNames.FILE_NAME_LIMIT), "schedules ünïcödé 東京.csv",
                "schedules..2026-11.csv")) {
            cases.add(done(TARGET + "/" + name, bar.generated(TARGET + "/" + name, NameCases.content(name)), 1));
        }

        bar.drop(cases);

        bar.assertMet(cases, () -> uploads().size(), context, "intake-folder");
        assertTrue(uploads().stream().allMatch(u -> u.fileName().length() < ZuoraFileNames.FILE_NAME_LIMIT),
                "every file part named under Zuora's limit: " + uploads().stream().map(ZuoraRestRequest::fileName)
                        .toList());
    }

    private static List<ZuoraRestRequest> uploads() {
        return zuora.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals("/v1/bulk"))
                .toList();
    }
}

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
 * The bad-input suite for both Zuora REST targets in one app: the mass-action target (zuora-rest-bulk,
 * CreateRevenueSchedule; inbox folder zuora-revenue/) with bad-input/any-csv/cases.csv, the chunk limits of
 * {@link ChunkLimitCases} and names at and one over Zuora's file-name rule; the usage target (zuora-rest-usage,
 * zuora-usage/) with bad-input/zuora-usage/cases.csv, files at and one over /v1/usage's 4194304 bytes and the same
 * names. All dropped at once, held to {@link BadInputBar}.
 */
class ZuoraRestBadInputSuiteTest extends UsageBridgeTestSupport {

    private static final String TARGET = "zuora-revenue";
    private static final String USAGE = "zuora-usage";

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
        Properties p = ZuoraRestTestSupport.withZuoraRestTargets(super.testProperties(), zuora.baseUrl(),
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
        cases.addAll(BadInputCases.read(BadInputCases.SUITE.resolve("zuora-usage/cases.csv"), USAGE));
        // /v1/usage takes 4194304 bytes: one byte over goes as two uploads cut on a row
        cases.addAll(ZuoraUsageCases.sized(bar, USAGE, 4L * 1024 * 1024, 2));
        cases.addAll(ZuoraUsageCases.named(bar, USAGE, ZuoraUsageCases.NAMES));

        bar.drop(cases);

        bar.assertMet(cases, () -> uploads().size(), context, "intake-folder");
        assertTrue(uploads().stream().allMatch(u -> u.fileName().length() < ZuoraFileNames.FILE_NAME_LIMIT
                && (u.path().equals("/v1/bulk") || u.fileSize() <= 4L * 1024 * 1024)), "every file part named under "
                + "Zuora's limit, every usage file within 4 MiB: " + uploads().stream().map(u -> u.fileName() + " "
                + u.fileSize()).toList());
    }

    private static List<ZuoraRestRequest> uploads() {
        return zuora.requests().stream().filter(r -> r.method().equals("POST")
                && (r.path().equals("/v1/bulk") || r.path().equals("/v1/usage"))).toList();
    }
}

package io.usagebridge.e2e;

import static io.usagebridge.e2e.BadInputCase.done;
import static io.usagebridge.e2e.BadInputCase.failed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.sandbox.insights.InsightsBatchSimulator;
import io.usagebridge.targets.insights.InsightsTargetSettings;

/**
 * The bad-input suite for the Insights batch target: the batches of bad-input/insights/cases.csv plus generated
 * files at and one over the Batch API's 100 MiB and the 1 MiB line limit, and batch names with spaces, unicode and
 * {@code ..}, all dropped at once into one app, held to {@link BadInputBar} (a case is a whole batch folder).
 */
class InsightsBadInputSuiteTest extends UsageBridgeTestSupport {

    private static final String TOKEN = "insights-bad-input-token";
    private static final String HEADER = "id,name,created,active,mrr";
    private static final int LINE_LIMIT = 1024 * 1024;

    private static InsightsBatchSimulator insights;

    @BeforeAll
    static void startInsights() throws IOException {
        insights = new InsightsBatchSimulator(TOKEN);
        insights.addDataSource("billing", "account", "subscription");
        insights.start();
    }

    @AfterAll
    static void stopInsights() {
        insights.stop();
    }

    @Override
    protected Properties testProperties() {
        Properties p = InsightsBatchTest.withInsightsTarget(super.testProperties(), insights.uploadUrl(), TOKEN);
        p.put("target.insights.data-sources", "billing");
        p.put("target.insights.data-source.billing.record-types", "account,subscription");
        // the batch missing a record type fails once this is past
        p.put("target.insights.data-source.billing.batch-deadline-ms", "3000");
        return p;
    }

    @Override
    protected List<Path> extraRouteFolders() {
        return availableRoutes("target-insights.camel.yaml");
    }

    @Test
    void everyBatchEndsAsDocumentedAndOnlyTheGoodOnesReachTheStoreOnce() throws Exception {
        BadInputBar bar = new BadInputBar(data, this::ledger);
        List<BadInputCase> cases = new ArrayList<>(InsightsBatchCases.read(
                BadInputCases.SUITE.resolve("insights/cases.csv"), "billing", data.resolve("generated/batches")));
        long limit = InsightsTargetSettings.BATCH_API_MAX_FILE_BYTES;
        cases.add(batch(bar, "at-file-limit", SizedCsv.of(HEADER, i -> "A-" + i + ",at limit,2026-11-01,true,", limit),
                true, "", ""));
        cases.add(batch(bar, "one-over-file-limit", SizedCsv.of(HEADER, i -> "B-" + i + ",over,2026-11-01,true,",
                limit + 1), false, "TARGET_LIMIT_EXCEEDED", ""));
        cases.add(batch(bar, "line-at-limit", wideLine(LINE_LIMIT), true, "", ""));
        cases.add(batch(bar, "line-one-over-limit", wideLine(LINE_LIMIT + 1), false, "CSV_ROW_MALFORMED", "2"));
        for (String name : List.of("batch with spaces ünïcödé 東京", "2026..11")) {
            cases.add(batch(bar, name, SizedCsv.rows(HEADER, i -> "N-" + i + "," + name.hashCode() + ",2026-11-01,true,1",
                    2), true, "", ""));
        }

        bar.drop(cases);

        bar.assertMet(cases, () -> insights.storedFiles().size(), context, "intake-folder", "intake-insights");
    }

    /** A generated batch: the account file given, and a subscription file of its own. */
    private BadInputCase batch(BadInputBar bar, String name, BadInputBar.Content account, boolean good, String code,
                               String line) throws IOException {
        Path folder = bar.generated("batches/" + name + "/account.csv", account).getParent();
        Files.writeString(folder.resolve("subscription.ndjson"), "{\"id\":\"S-" + name.hashCode()
                + "\",\"account_id\":\"A-1\",\"start_date\":\"2026-11-01\"}\n");
        String at = "insights/billing/" + name;
        return good ? done(at, folder, 2) : failed(at, folder, code, line);
    }

    /** One row whose line is exactly {@code bytes} long (its line break aside), each value within csv.max-field-chars. */
    private static BadInputBar.Content wideLine(int bytes) {
        return out -> {
            out.write("id,c01,c02,c03,c04,c05,c06,c07,c08,c09,c10,c11,c12,c13,c14,c15,c16,c17,c18,c19,c20\n");
            String prefix = "W-" + bytes;
            int left = bytes - prefix.length() - 20; // 20 commas
            StringBuilder row = new StringBuilder(prefix);
            for (int i = 0; i < 20; i++) {
                int n = i < 19 ? left / 20 : left - 19 * (left / 20);
                row.append(',').append("v".repeat(n));
            }
            out.write(row.toString());
            out.write('\n');
        };
    }
}

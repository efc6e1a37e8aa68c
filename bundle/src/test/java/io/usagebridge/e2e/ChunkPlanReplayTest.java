package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.csv.ChunkFile;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.sandbox.ReceivedUpload;

/**
 * Claims are bound to rows: a file whose second chunk was refused is replayed after the chunk limit changed, and
 * the replay cuts along the rows of the first delivery, so the target gets every row exactly once (the refused
 * chunk's rows only), none twice, none skipped.
 */
class ChunkPlanReplayTest extends UsageBridgeTestSupport {

    private static final String CSV = usageCsv(
            "2026-11-01,2026-11-01,metered-api,row-1,SUB-1",
            "2026-11-02,2026-11-02,metered-api,row-2,SUB-1",
            "2026-11-03,2026-11-03,metered-api,row-3,SUB-1",
            "2026-11-04,2026-11-04,metered-api,row-4,SUB-1",
            "2026-11-05,2026-11-05,metered-api,row-5,SUB-1");

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true); // this test's context is the second run, with other limits
    }

    /** The replay's limits: one chunk would hold the whole file. */
    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("target.twocheckout.max-chunk-rows", "10");
        return p;
    }

    @Test
    void replayAfterTheChunkLimitChangedSendsTheRefusedChunksRowsOnlyAndEachRowOnce() throws Exception {
        runFirstAppWithChunksOfTwoRowsRefusingTheSecond();
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("failed/usage.csv")));
        assertEquals(List.of("row-1", "row-2", "row-5"), acceptedRows());

        context.start();
        Files.move(data.resolve("failed/usage.csv"), inbox().resolve("usage.csv"));
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/usage.csv")));

        assertEquals(List.of("row-1", "row-2", "row-5", "row-3", "row-4"), acceptedRows(),
                "every row once: the replay sent rows 3 and 4, as the chunk they were claimed in");
        List<DeliveryRow> deliveries = ledger().deliveries().deliveriesTo("twocheckout");
        assertEquals(3, deliveries.size(), "the plan of the first delivery: 3 chunks of 2, 2 and 1 rows");
        assertTrue(deliveries.stream().allMatch(d -> d.state() == DeliveryState.ACCEPTED), deliveries.toString());
        assertEquals(List.of(2L, 2L, 1L), deliveries.stream().map(DeliveryRow::chunkRows).toList());
    }

    /** A first app with chunks of 2 rows whose target refuses the second chunk; stopped once the file failed. */
    private void runFirstAppWithChunksOfTwoRowsRefusingTheSecond() throws Exception {
        CamelContext first = new DefaultCamelContext();
        Properties limits = super.testProperties();
        limits.put("target.twocheckout.max-chunk-rows", "2");
        configure(first, limits);
        List<RoutesBuilder> builders = routeBuilders(first, List.of());
        for (RoutesBuilder builder : builders) {
            first.addRoutes(builder);
        }
        for (RoutesBuilder builder : builders) {
            builder.addTemplatedRoutesToCamelContext(first);
        }
        AdviceWith.adviceWith(first, "deliver-twocheckout", route -> route.weaveByToString("To\\[\\{\\{url.*")
                .before().process(exchange -> {
                    if (exchange.getProperty(ExchangeKeys.CHUNK, ChunkFile.class).index() == 2) {
                        throw new UsageBridgeFailure(CoreFailureCode.TARGET_HTTP_ERROR, "HTTP 400 from the target");
                    }
                }));
        first.start();
        try {
            drop("usage.csv", CSV);
            await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("failed/usage.csv")));
        } finally {
            first.stop();
        }
    }

    /** The Description of every row the simulator accepted, in the order they arrived. */
    private static List<String> acceptedRows() {
        List<String> rows = new ArrayList<>();
        for (ReceivedUpload upload : twoCheckout.accepted()) {
            try {
                Files.readAllLines(upload.file()).stream().skip(1).map(line -> line.split(",")[3]).forEach(rows::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rows;
    }
}

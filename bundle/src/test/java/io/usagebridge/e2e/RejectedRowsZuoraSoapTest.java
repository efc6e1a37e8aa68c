package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.ledger.SourceRow;
import io.usagebridge.ledger.SourceState;

/**
 * A Zuora SOAP Import's result zip mapped back to the source: a file cut into two imports, the second failed by one
 * row, leaves exactly the second import's rows, at their own source lines, in {@code <file>.rejected.csv}.
 */
class RejectedRowsZuoraSoapTest extends ZuoraSoapTestSupport {

    private static final String HEADER = "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION";

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("target.zuora.max-chunk-rows", "2");
        return p;
    }

    @Test
    void rowsOfTheFailedImportOnlyAreKeptWithTheResultZipsMessage() throws Exception {
        zuora.rejectRowsContaining("ACC-CLOSED");
        drop("zuora/usage.csv", HEADER + "\n"
                + "A00000001,Each,10,11/01/2026,11/01/2026,,,api calls\n"
                + "A00000002,GB,2.5,11/02/2026,,,,storage\n"
                + "\n"
                + "ACC-CLOSED,Each,4,11/03/2026,,,,\"calls, late\"\n"
                + "A00000004,Each,1,11/04/2026,,,,api calls\n");
        Path rejected = data.resolve("failed/zuora/usage.csv.rejected.csv");
        await().atMost(30, SECONDS).until(() -> !ledger().sources().sourcesNamed("zuora/usage.csv").isEmpty()
                && ledger().sources().sourcesNamed("zuora/usage.csv").get(0).state() == SourceState.FAILED);

        assertEquals(HEADER + ",REJECTED_REASON\n"
                + "ACC-CLOSED,Each,4,11/03/2026,,,,\"calls, late\",\"line 5, zuora: Row 2: value 'ACC-CLOSED' is not "
                + "valid\"\n"
                + "A00000004,Each,1,11/04/2026,,,,api calls,\"line 6, zuora: not imported: the target imports a file "
                + "all or nothing and refused this one\"\n", Files.readString(rejected));
        List<DeliveryRow> deliveries = ledger().deliveries().deliveriesTo("zuora");
        assertEquals(List.of(DeliveryState.ACCEPTED, DeliveryState.REJECTED),
                deliveries.stream().map(DeliveryRow::state).toList());
        SourceRow source = ledger().sources().sourcesNamed("zuora/usage.csv").get(0);
        assertEquals(SourceState.FAILED, source.state());
        assertEquals(2L, source.rowsRejected());
        assertEquals(2, zuora.imports().size());
    }
}

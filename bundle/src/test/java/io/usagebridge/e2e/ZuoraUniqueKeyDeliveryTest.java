package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.sandbox.zuora.ZuoraRestRequest;

/**
 * Derived UNIQUE_KEYs (target.zuora-usage.unique-key-columns) against the Zuora REST simulator: they reach /v1/usage
 * in the uploaded file, a re-export of the same usage carries the same keys, and a file with one key twice is
 * refused before anything is sent.
 */
class ZuoraUniqueKeyDeliveryTest extends ZuoraRestTestSupport {

    private static final String USAGE = "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION\n"
            + "A00000001,Each,10,11/01/2026,11/01/2026,S-1,,api calls\n"
            + "A00000002,GB,2.5,11/02/2026,,,,storage\n";

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("target.zuora-usage.unique-key-columns", "ACCOUNT_ID,UOM,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID");
        return p;
    }

    @Test
    void derivedKeysReachV1UsageAndAReExportOfTheSameUsageCarriesTheSameKeys() throws Exception {
        drop("zuora-usage/usage.csv", USAGE);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora-usage/usage.csv")));
        // the same usage exported again: other column order and spacing, a corrected quantity
        drop("zuora-usage/usage-again.csv", "DESCRIPTION,QTY,CHARGE_ID,ACCOUNT_ID,UOM,STARTDATE,ENDDATE,SUBSCRIPTION_ID\n"
                + "api calls,12,, A00000001 ,Each,11/01/2026,11/01/2026,S-1\n"
                + "storage,2.5,,A00000002,GB,11/02/2026,,\n");
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora-usage/usage-again.csv")));

        List<ZuoraRestRequest> uploads = posts("/v1/usage");
        assertEquals(2, uploads.size());
        List<String> first = uniqueKeys(uploads.get(0));
        assertEquals(2, first.size());
        assertTrue(first.stream().allMatch(k -> k.matches("[0-9a-f]{32}")), first.toString());
        assertEquals(2, first.stream().distinct().count());
        // Zuora upserts on the key: the re-export updates the two records (quantity 12), it adds none
        assertEquals(first, uniqueKeys(uploads.get(1)));
        assertEquals(USAGE, Files.readString(data.resolve("done/zuora-usage/usage.csv")), "the original is kept");
    }

    @Test
    void fileWithTheSameUsageTwiceGoesToFailedWithBothLinesAndNothingIsSent() throws Exception {
        drop("zuora-usage/twice.csv", USAGE + "A00000001,Each,3,11/01/2026,11/01/2026,S-1,,api calls again\n");
        Path sidecar = data.resolve("failed/zuora-usage/twice.csv.error.json");
        await().atMost(30, SECONDS).until(() -> Files.exists(sidecar)
                && Files.exists(data.resolve("failed/zuora-usage/twice.csv")));

        JsonNode error = new ObjectMapper().readTree(sidecar.toFile());
        assertEquals("USAGE_KEY_DUPLICATE", error.get("code").asText());
        assertTrue(error.toString().contains("line 4: has the UNIQUE_KEY of line 2: '"), error.toString());
        assertEquals(0, posts("/v1/usage").size(), "nothing reached /v1/usage");
    }

    /** The UNIQUE_KEY column of the file Zuora received, row by row. */
    private static List<String> uniqueKeys(ZuoraRestRequest upload) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(upload.file().toString()));
        int column = List.of(lines.get(0).split(",")).indexOf("UNIQUE_KEY");
        assertTrue(column >= 0, lines.get(0));
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)[column]).toList();
    }
}

package io.usagebridge.sandbox.zuora;

import io.usagebridge.sandbox.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a simulator on a free port with one OAuth client and a clock the test moves. */
abstract class ZuoraSimulatorFixture {

    static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
    static final byte[] ACCOUNTING_CODES = ("Name,Type,Status,Notes\r\n"
            + "Accounts Receivable,AccountsReceivable,Active,\"trade, domestic\"\r\n"
            + "Cash,Cash,Active,\r\n"
            + "Deferred Revenue,DeferredRevenue,Active,\"says \"\"hi\"\"\"\r\n"
            + "Sales Tax,SalesTaxPayable,Active,\r\n").getBytes(StandardCharsets.UTF_8);
    /** Zuora's own sample: a blank line after the header, empty optional values, no final newline. */
    static final byte[] ZUORA_SAMPLE_USAGE = ("ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION\n"
            + "\n"
            + "A66666666,Each,666,02/12/2014,,,,").getBytes(StandardCharsets.UTF_8);

    ZuoraRestSimulator simulator;
    ZuoraTestClient client;
    MutableClock clock;

    @BeforeEach
    void startSimulator() throws IOException {
        simulator = new ZuoraRestSimulator();
        simulator.addClient(ZuoraTestClient.CLIENT_ID, ZuoraTestClient.CLIENT_SECRET);
        clock = new MutableClock(START);
        simulator.setClock(clock);
        simulator.start(0);
        client = new ZuoraTestClient(simulator);
    }

    @AfterEach
    void stopSimulator() {
        simulator.releaseDelayed();
        simulator.stop();
    }

    static String params(String actionType, String checksum) {
        return checksum == null
                ? "{\"actionType\": \"" + actionType + "\"}"
                : "{\"actionType\": \"" + actionType + "\", \"checksum\": \"" + checksum + "\"}";
    }

    /** POSTs a mass action and returns its bulk key, asserting Zuora's success answer. */
    String postBulk(String token, byte[] csv, String params, String... headers) throws Exception {
        HttpResponse<String> response = client.post("/v1/bulk", token,
                ZuoraMultipartBody.bulk("AccountingCodes.csv", csv, params), headers);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(true, ResponseJson.bool(response.body(), "success"));
        return ResponseJson.text(response.body(), "bulkKey");
    }

    static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    /** Every entry of a zip, by name, as UTF-8 text. */
    static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), readAll(in));
            }
        }
        return entries;
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

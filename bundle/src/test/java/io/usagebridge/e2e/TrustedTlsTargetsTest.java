package io.usagebridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.sandbox.zuora.ZuoraRestRequest;

/**
 * Every HTTP target type over https to a simulator with a self-signed certificate, each target given that
 * certificate as its trust store ({@code target.<id>.trust-store}): each file is DONE and the simulator got its bytes.
 */
class TrustedTlsTargetsTest extends TlsTargetsTestSupport {

    @Override
    boolean trusted() {
        return true;
    }

    @Test
    void twoCheckoutOverTrustedHttpsReceivesTheFile() throws Exception {
        String csv = usageCsv("2026-11-01 08:00:00,2026-11-01 09:00:00,OPT,api,SUB-1");
        drop("tls-2co.csv", csv);
        awaitFile("done/tls-2co.csv");
        // the dates are shaped to 2Checkout's GMT+2 before sending: the chunk the ledger recorded is what arrived
        var delivery = ledger().deliveries().deliveriesTo("twocheckout").get(0);
        assertEquals(DeliveryState.ACCEPTED, delivery.state());
        assertEquals(List.of(delivery.chunkMd5()), twoCheckoutHttps.accepted().stream().map(u -> u.fileMd5()).toList());
    }

    @Test
    void zuoraRestUsageOverTrustedHttpsReceivesTheFile() throws Exception {
        drop("zuora-usage/tls-usage.csv", ZUORA_USAGE);
        awaitFile("done/zuora-usage/tls-usage.csv");
        assertEquals(List.of(md5(ZUORA_USAGE)), posts("/v1/usage").stream().map(ZuoraRestRequest::fileMd5).toList());
        assertEquals(DeliveryState.ACCEPTED, ledger().deliveries().deliveriesTo("zuora-usage").get(0).state());
    }

    @Test
    void zuoraMassActionOverTrustedHttpsReceivesTheFile() throws Exception {
        drop("zuora-revenue/tls-revenue.csv", REVENUE);
        awaitFile("done/zuora-revenue/tls-revenue.csv");
        assertEquals(List.of(md5(REVENUE)), posts("/v1/bulk").stream().map(ZuoraRestRequest::fileMd5).toList());
        assertEquals(DeliveryState.ACCEPTED, ledger().deliveries().deliveriesTo("zuora-revenue").get(0).state());
    }

    @Test
    void zuoraSoapOverTrustedHttpsReceivesTheFile() throws Exception {
        drop("zuora/tls-import.csv", ZUORA_USAGE);
        awaitFile("done/zuora/tls-import.csv");
        assertEquals(List.of(md5(ZUORA_USAGE)), zuoraSoap.imports().stream().map(i -> i.md5()).toList());
        assertEquals(DeliveryState.ACCEPTED, ledger().deliveries().deliveriesTo("zuora").get(0).state());
    }

    @Test
    void insightsOverTrustedHttpsStoresBothRecordTypes() throws Exception {
        dropInsightsBatch("2026-11-01");
        awaitFile("done/insights/billing/2026-11-01");
        assertEquals(java.util.Set.of(md5(ACCOUNT), md5(SUBSCRIPTION)),
                insights.storedFiles().stream().map(f -> f.md5()).collect(java.util.stream.Collectors.toSet()));
        assertEquals(2, insights.storedFiles().size());
    }

    @Test
    void httpMultipartOverTrustedHttpsReceivesTheFile() throws Exception {
        String csv = "account,amount\nACME,12\n";
        drop("billing-receiver/tls-export.csv", csv);
        awaitFile("done/billing-receiver/tls-export.csv");
        assertEquals(List.of(md5(csv)), receiver.stored().stream().map(u -> u.md5()).toList());
        assertEquals(DeliveryState.ACCEPTED, ledger().deliveries().deliveriesTo("billing-receiver").get(0).state());
    }

    private static List<ZuoraRestRequest> posts(String path) {
        return zuoraRest.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals(path)).toList();
    }

    static String md5(String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(content.getBytes(StandardCharsets.UTF_8)));
    }
}

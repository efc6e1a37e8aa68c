package io.usagebridge.targets.twocheckout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.hc.core5.http.HttpEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.csv.ChunkFile;

/** The text fields of 2Checkout's upload and the hash over them. */
class TwoCheckoutRequestBuilderTest {

    private static final String MERCHANT = "TESTMERCHANT";
    private static final String SECRET = "test-secret-key";
    private static final String FILE_MD5 = "0123456789abcdef0123456789abcdef";
    /** The template's default: what the seed documents. */
    private static final List<String> DEFAULT_SIGNED = List.of("merchant", "secret_key", "file_MD5");

    @TempDir
    Path dir;

    @Test
    void hashCoversMerchantSecretKeyAndFileMd5InThatOrderByDefault() {
        Map<String, String> fields = builder(true, DEFAULT_SIGNED, Map.of()).fields(FILE_MD5);

        assertEquals(List.of("merchant", "secret_key", "file_MD5", "hash"), List.copyOf(fields.keySet()));
        assertEquals(MERCHANT, fields.get("merchant"));
        assertEquals(SECRET, fields.get("secret_key"));
        assertEquals(FILE_MD5, fields.get("file_MD5"));
        // HMAC-MD5 of "12TESTMERCHANT15test-secret-key32<md5>", computed with `openssl dgst -md5 -hmac`
        assertEquals("c2851b9ac36357e97af6f72705647c08", fields.get("hash"));
        assertEquals(TwoCheckoutHashSigner.hash(SECRET, List.of(MERCHANT, SECRET, FILE_MD5)), fields.get("hash"));
    }

    @Test
    void secretKeyNotSentIsStillSigned() {
        Map<String, String> fields = builder(false, DEFAULT_SIGNED, Map.of()).fields(FILE_MD5);

        assertEquals(List.of("merchant", "file_MD5", "hash"), List.copyOf(fields.keySet()));
        assertFalse(fields.containsValue(SECRET));
        assertEquals("c2851b9ac36357e97af6f72705647c08", fields.get("hash"));
    }

    @Test
    void signedFieldsAreConfigurableAndMayNameExtraFields() {
        Map<String, String> fields = builder(true, List.of("file_MD5", "CURRENCY"), Map.of("CURRENCY", "EUR"))
                .fields(FILE_MD5);

        assertEquals("EUR", fields.get("CURRENCY"));
        assertEquals(TwoCheckoutHashSigner.hash(SECRET, List.of(FILE_MD5, "EUR")), fields.get("hash"));
    }

    @Test
    void signedFieldThatTheRequestDoesNotHaveIsRefused() {
        TwoCheckoutRequestBuilder builder = builder(true, List.of("merchant", "file_md5"), Map.of());

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> builder.fields(FILE_MD5));

        assertTrue(refused.getMessage().contains("'file_md5'"), refused.getMessage());
        assertFalse(refused.getMessage().contains(SECRET), refused.getMessage());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        String shown = builder(true, DEFAULT_SIGNED, Map.of()).toString();

        assertFalse(shown.contains(SECRET), shown);
        assertTrue(shown.contains(MERCHANT), shown);
    }

    @Test
    void uploadBodyCarriesTheFieldsAndTheChunkButNotTheSecretWhenToldNotToSendIt() throws Exception {
        Path csv = dir.resolve("usage.csv");
        Files.writeString(csv, "UsageStart,UsageEnd,OptionCode,Description,SubscriptionRef\n"
                + "2026-11-01 12:00:00,2026-11-01 13:00:00,OPT1,calls,SUB-1\n");
        ChunkFile chunk = new ChunkFile(1, 1, csv, FILE_MD5, Files.size(csv), 1);
        try (CamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            exchange.setProperty(ExchangeKeys.CHUNK, chunk);
            exchange.getMessage().setHeader("Content-Type", "text/xml");

            builder(false, DEFAULT_SIGNED, Map.of()).process(exchange);

            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            exchange.getMessage().getBody(HttpEntity.class).writeTo(sent);
            String body = sent.toString(StandardCharsets.UTF_8);
            assertTrue(body.contains("name=\"merchant\"") && body.contains(MERCHANT), body);
            assertTrue(body.contains("name=\"file_MD5\"") && body.contains(FILE_MD5), body);
            assertTrue(body.contains("name=\"hash\"") && body.contains("c2851b9ac36357e97af6f72705647c08"), body);
            assertTrue(body.contains("name=\"file\"; filename=\"usage.csv\""), body);
            assertTrue(body.contains(Files.readString(csv)), body);
            assertFalse(body.contains(SECRET), body);
            assertFalse(body.contains("secret_key"), body);
            assertEquals("POST", exchange.getMessage().getHeader(Exchange.HTTP_METHOD));
            assertEquals(null, exchange.getMessage().getHeader("Content-Type"), "no stale content type");
        }
    }

    private static TwoCheckoutRequestBuilder builder(boolean sendSecretKey, List<String> signed,
                                                     Map<String, String> extra) {
        return new TwoCheckoutRequestBuilder("http://localhost/upload", MERCHANT, SECRET, sendSecretKey, signed, "file", extra);
    }
}

package io.usagebridge.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.usagebridge.ExchangeKeys;

/** A result file is kept up to http.max-result-bytes; a longer one is not kept, and the poll goes on. */
class ResultFileSaverTest {

    @TempDir
    Path dir;

    private CamelContext context;

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        Properties overrides = new Properties();
        overrides.put("http.max-result-bytes", "1000");
        context.getPropertiesComponent().setOverrideProperties(overrides);
    }

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    @Test
    void resultWithinTheCapIsKept() throws Exception {
        Exchange exchange = download(new byte[1000]);

        new ResultFileSaver(dir).process(exchange);

        Path kept = Path.of(exchange.getProperty(ExchangeKeys.RESULT_FILE, String.class));
        assertEquals(1000, Files.size(kept));
    }

    @Test
    void resultOverTheCapIsNotKeptAndThePollGoesOn() throws Exception {
        Exchange exchange = download(new byte[1001]);

        new ResultFileSaver(dir).process(exchange);

        assertNull(exchange.getProperty(ExchangeKeys.RESULT_FILE));
        assertFalse(Files.exists(dir.resolve("delivery-7-result.zip")), "no partial result file");
    }

    private Exchange download(byte[] body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(ExchangeKeys.DELIVERY_ID, 7L);
        exchange.setProperty(ExchangeKeys.TARGET, "zuora-revenue");
        exchange.getMessage().setBody(new ByteArrayInputStream(body));
        return exchange;
    }
}

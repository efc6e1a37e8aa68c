package io.usagebridge.poll;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.http.ReplyBodies;

/**
 * Streams a downloaded result file (a zipped CSV) to the work folder, up to {@code http.max-result-bytes}; the
 * finaliser keeps it beside the original.
 */
public final class ResultFileSaver implements Processor {

    private final Path resultsDir;

    public ResultFileSaver(Path resultsDir) {
        this.resultsDir = resultsDir;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        long deliveryId = exchange.getProperty(ExchangeKeys.DELIVERY_ID, Long.class);
        Files.createDirectories(resultsDir);
        Path file = resultsDir.resolve("delivery-" + deliveryId + "-result.zip");
        ReplyBodies.save(exchange.getMessage().getMandatoryBody(InputStream.class), file,
                ReplyBodies.maxResultBytes(exchange.getContext()), "the target's result file");
        exchange.setProperty(ExchangeKeys.RESULT_FILE, file.toString());
    }
}

package io.usagebridge.poll;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;

/** Streams a downloaded result file (a zipped CSV) to the work folder; the finaliser keeps it beside the original. */
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
        try (InputStream in = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        exchange.setProperty(ExchangeKeys.RESULT_FILE, file.toString());
    }
}

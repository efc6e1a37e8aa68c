package io.usagebridge.poll;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.http.ReplyBodies;

/**
 * Streams a downloaded result file (a zipped CSV) to the work folder, up to {@code http.max-result-bytes}; the
 * finaliser keeps it beside the original. A longer one is not kept (RESULT_FILE_TOO_LARGE in the log): the job's
 * own status still decides the delivery, and downloading it again on every poll would never end differently.
 */
public final class ResultFileSaver implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ResultFileSaver.class);

    private final Path resultsDir;

    public ResultFileSaver(Path resultsDir) {
        this.resultsDir = resultsDir;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        long deliveryId = exchange.getProperty(ExchangeKeys.DELIVERY_ID, Long.class);
        Files.createDirectories(resultsDir);
        Path file = resultsDir.resolve("delivery-" + deliveryId + "-result.zip");
        try {
            ReplyBodies.save(exchange.getMessage().getMandatoryBody(InputStream.class), file,
                    ReplyBodies.maxResultBytes(exchange.getContext()), "the target's result file");
        } catch (UsageBridgeFailure failure) {
            if (failure.code() != CoreFailureCode.RESULT_FILE_TOO_LARGE) {
                throw failure;
            }
            LOG.warn("{} delivery {}: result file not kept: {} {}", exchange.getProperty(ExchangeKeys.TARGET),
                    deliveryId, failure.code(), failure.getMessage());
            exchange.removeProperty(ExchangeKeys.RESULT_FILE);
            return;
        }
        exchange.setProperty(ExchangeKeys.RESULT_FILE, file.toString());
    }
}

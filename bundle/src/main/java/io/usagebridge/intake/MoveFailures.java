package io.usagebridge.intake;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;

/**
 * The intake endpoints' {@code onCompletionExceptionHandler}: a move of the original that fails on commit (seen: two
 * nodes creating {@code .done/} on one SFTP server at once, one refused) is only logged by Camel, and the exchange
 * still completes. Marked here, {@link MoveConfirmation} records the source as not moved, so the file, still in the
 * inbox, is settled by its next intake (nothing sent again) instead of meeting itself as a duplicate.
 */
public final class MoveFailures implements ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MoveFailures.class);

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        String file = exchange == null ? "a file" : exchange.getProperty(ExchangeKeys.SOURCE_NAME, "a file",
                String.class);
        if (exchange != null) {
            exchange.setProperty(ExchangeKeys.MOVE_FAILED, true);
        }
        LOG.warn("{}: {} ({}); it stays where it is and its next intake settles it, sending nothing already "
                + "accepted", file, message == null ? "moving the original failed" : message,
                exception == null ? "no cause given" : exception.getMessage());
    }

    /** True when the intake endpoint could not move this exchange's original. */
    static boolean failed(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.MOVE_FAILED, false, Boolean.class);
    }
}

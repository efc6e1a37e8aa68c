package io.usagebridge.route;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;

import io.usagebridge.ledger.LeaseLostException;
import io.usagebridge.ledger.LedgerUnavailableException;
import io.usagebridge.pacing.SendGateExit;
import io.usagebridge.security.CredentialHeaders;

/**
 * The one error handling every pipeline route uses ({@code routeConfigurationId: usagebridge-errors}). No step is
 * redelivered on its thread: every failure goes to the dead-letter route, which parks a retryable delivery in the
 * ledger (a timer resends it when due), marks an uncertain one, or records a final failure. Two failures are no
 * failure of the file and must not move it: the ledger being unreachable, and a lease this instance lost to another
 * (it took the work over). They fail the exchange, so the file stays in the inbox and is taken again.
 */
public class ErrorHandlingConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "usagebridge-errors";

    /** For status checks of remote jobs: a failed check is asked again later, never dead-lettered. */
    public static final String POLL_ERRORS = "usagebridge-poll-errors";

    /** For timers (retries, leases, lookups): a failed round is logged and the next one tries again. */
    public static final String TIMER_ERRORS = "usagebridge-timer-errors";

    @Override
    public void configuration() {
        // each onException is its own statement: chained, the second would add its classes to the first
        RouteConfigurationDefinition pipeline = routeConfiguration(ID);
        pipeline.onException(LedgerUnavailableException.class, LeaseLostException.class)
                .handled(false)
                .process(new SendGateExit())
                .log(LoggingLevel.WARN, "io.usagebridge.route", "${exchangeProperty.UsageBridgeSourceName}: left "
                        + "in place, nothing moved: ${exception.message}");
        // Throwable: an Error must not leave a file looping in the inbox either
        logged(pipeline.onException(Throwable.class))
                .handled(true)
                .process(new SendGateExit())
                .process(CredentialHeaders::remove)
                .to("direct:dead-letter");

        RouteConfigurationDefinition polls = routeConfiguration(POLL_ERRORS);
        polls.onException(LedgerUnavailableException.class, LeaseLostException.class)
                .handled(true)
                .log(LoggingLevel.WARN, "io.usagebridge.route", "status check left for later: ${exception.message}");
        logged(polls.onException(Throwable.class))
                .handled(true)
                .process(CredentialHeaders::remove)
                .process("pollFailureRecorder");

        routeConfiguration(TIMER_ERRORS)
                .onException(Throwable.class)
                    .handled(true)
                    .log(LoggingLevel.WARN, "io.usagebridge.route", "${routeId}: ${exception.message}; the next "
                            + "round tries again");
    }

    /**
     * With {@value #LOG_FAILED_EXCHANGES} on (off by default; for support), Camel logs every failed exchange it hands
     * on: the exception with its stack trace, the message history, headers and body. Whatever an exchange carries
     * then reaches the log, so secrets must never ride in a header or a body's text form: the secrets suite
     * (SecretsNeverLeakTest) runs with this on. Read once here, not as a placeholder per option: Camel resolves an
     * option's placeholder for every step of every route, each lookup a walk over all configuration (half the
     * app's start-up CPU when it was five placeholders).
     */
    private OnExceptionDefinition logged(OnExceptionDefinition onException) {
        boolean on = Boolean.parseBoolean(getCamelContext().resolvePropertyPlaceholders(
                "{{" + LOG_FAILED_EXCHANGES + ":false}}"));
        return onException.logHandled(on).logExhausted(on).logStackTrace(on).logExhaustedMessageHistory(on)
                .logExhaustedMessageBody(on);
    }

    /** The switch of Camel's own failure dump (exhausted exchanges with their body). */
    public static final String LOG_FAILED_EXCHANGES = "usagebridge.log-failed-exchanges";
}

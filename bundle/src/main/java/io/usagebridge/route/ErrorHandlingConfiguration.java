package io.usagebridge.route;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The one error handling every route uses ({@code routeConfigurationId: usagebridge-errors}). Retryable failures
 * (what the target never got, 429, 5xx) are redelivered from the failing step with exponential backoff, or after
 * the target's Retry-After; everything else, and retries exhausted, go to the dead-letter route at once.
 */
public class ErrorHandlingConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "usagebridge-errors";

    /** For status checks of remote jobs: a failed check is asked again later, never dead-lettered. */
    public static final String POLL_ERRORS = "usagebridge-poll-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                // Throwable: an Error must not leave a file looping in the inbox either
                .onException(Throwable.class)
                    .retryWhile(method("retryDecision", "shouldRetry"))
                    .redeliveryDelay("{{deliver.retry.initial-delay-ms}}")
                    .useExponentialBackOff()
                    .backOffMultiplier("{{deliver.retry.multiplier}}")
                    .maximumRedeliveryDelay("{{deliver.retry.max-delay-ms}}")
                    .onExceptionOccurredRef("failedAttemptRecorder")
                    .onRedeliveryRef("retryAttemptRecorder")
                    .handled(true)
                    .to("direct:dead-letter")
                .end();

        routeConfiguration(POLL_ERRORS)
                .onException(Throwable.class)
                    .handled(true)
                    .process("pollFailureRecorder")
                .end();
    }
}

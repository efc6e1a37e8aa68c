package io.usagebridge.route;

import java.util.function.Consumer;

import org.apache.camel.Processor;
import org.apache.camel.builder.Builder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.pacing.SendGateExit;

/**
 * The one shape of every target type's send route, so a type brings only its own steps: {@code prepare} builds the
 * request from the claimed chunk (stage {@code sign}: a failure there sent nothing), {@code send} opens the ledger's
 * attempt and calls the target (stage {@code send}: from here a failure may have reached it), {@code then} reads the
 * answer and records it, ending in {@link #ACCEPT} or {@link #FOLLOW_REMOTE_JOB}. Failures go to the shared error
 * handling ({@link ErrorHandlingConfiguration}): retried later, uncertain, or final. A step is a bean name (or a
 * template bean's {@code {{name}}}) or a processor.
 */
public final class SendPipeline {

    /** Last step of a target that answers at once: the delivery is ACCEPTED. */
    public static final String ACCEPT = "deliveryAcceptor";
    /** Last step of a target that runs a job: the delivery is POLLING, followed by the remote-status timer. */
    public static final String FOLLOW_REMOTE_JOB = "remotePollScheduler";
    private static final String ATTEMPT_STARTER = "attemptStarter";
    private static final String SEND_GATE_ENTRY = "sendGateEntry";

    private final RouteDefinition route;

    private SendPipeline(RouteDefinition route) {
        this.route = route.routeConfigurationId(ErrorHandlingConfiguration.ID);
    }

    /** The send route of each target a template makes: {@code direct:send-<target>}, as the core calls it. */
    public static SendPipeline of(RouteTemplateDefinition template) {
        return new SendPipeline(template.from("direct:send-{{target}}"));
    }

    /** A send route a type's targets share (the route names its own endpoint and id). */
    public static SendPipeline of(RouteDefinition route) {
        return new SendPipeline(route);
    }

    public SendPipeline prepare(Object... steps) {
        route.setProperty(ExchangeKeys.STAGE, Builder.constant("sign"));
        return steps(steps);
    }

    /** Opens the attempt, then sends to the endpoint {@code uri}. */
    public SendPipeline send(String uri) {
        return send(r -> r.to(uri));
    }

    /**
     * Waits for a place among the target's concurrent sends (still stage {@code sign}: a hold that is parked sent
     * nothing), opens the attempt, makes the call as {@code call} adds it (e.g. a doTry that maps some answers
     * itself), then gives the place back, telling the gate what the reply said of the target's limits.
     */
    public SendPipeline send(Consumer<RouteDefinition> call) {
        route.process(SEND_GATE_ENTRY);
        route.setProperty(ExchangeKeys.STAGE, Builder.constant("send"));
        route.process(ATTEMPT_STARTER);
        call.accept(route);
        route.process(new SendGateExit());
        return this;
    }

    /** Reads the answer and records it; the last step is {@link #ACCEPT} or {@link #FOLLOW_REMOTE_JOB}. */
    public RouteDefinition then(Object... steps) {
        steps(steps);
        return route;
    }

    private SendPipeline steps(Object... steps) {
        for (Object step : steps) {
            if (step instanceof Processor processor) {
                route.process(processor);
            } else if (step instanceof String bean) {
                route.process(bean);
            } else {
                throw new IllegalArgumentException("a send step is a bean name or a processor, not " + step);
            }
        }
        return this;
    }
}

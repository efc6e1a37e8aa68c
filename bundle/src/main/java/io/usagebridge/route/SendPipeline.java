package io.usagebridge.route;

import java.util.function.Consumer;

import org.apache.camel.Processor;
import org.apache.camel.builder.Builder;
import org.apache.camel.model.FilterDefinition;
import org.apache.camel.model.ProcessorDefinition;
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
 * template bean's {@code {{name}}}) or a processor. A dry run's exchange ({@link ExchangeKeys#DRY_RUN}) ends after
 * {@code prepare}: the request it built is written to the preview, and nothing of {@code send} or {@code then} runs.
 */
public final class SendPipeline {

    /** Last step of a target that answers at once: the delivery is ACCEPTED. */
    public static final String ACCEPT = "deliveryAcceptor";
    /** Last step of a target that runs a job: the delivery is POLLING, followed by the remote-status timer. */
    public static final String FOLLOW_REMOTE_JOB = "remotePollScheduler";
    private static final String ATTEMPT_STARTER = "attemptStarter";
    private static final String SEND_GATE_ENTRY = "sendGateEntry";
    /** Writes a dry run's prepared request to its preview (io.usagebridge.preview.RequestPreviewWriter). */
    public static final String PREVIEW_WRITER = "requestPreviewWriter";

    private final RouteDefinition route;
    /** Where the next step goes: the route, then, from the send on, the part a dry run never reaches. */
    private ProcessorDefinition<?> steps;

    private SendPipeline(RouteDefinition route) {
        this.route = route.routeConfigurationId(ErrorHandlingConfiguration.ID);
        this.steps = this.route;
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
    public SendPipeline send(Consumer<ProcessorDefinition<?>> call) {
        // a dry run stops here, signed as a send would be: the preview is written, no gate, no attempt, no call
        route.filter(Builder.exchangeProperty(ExchangeKeys.DRY_RUN).isNotNull()).process(PREVIEW_WRITER).end();
        FilterDefinition live = route.filter(Builder.exchangeProperty(ExchangeKeys.DRY_RUN).isNull());
        live.process(SEND_GATE_ENTRY);
        live.setProperty(ExchangeKeys.STAGE, Builder.constant("send"));
        live.process(ATTEMPT_STARTER);
        call.accept(live);
        live.process(new SendGateExit());
        steps = live;
        return this;
    }

    /** Reads the answer and records it; the last step is {@link #ACCEPT} or {@link #FOLLOW_REMOTE_JOB}. */
    public RouteDefinition then(Object... steps) {
        steps(steps);
        this.steps.end();
        return route;
    }

    private SendPipeline steps(Object... steps) {
        for (Object step : steps) {
            if (step instanceof Processor processor) {
                this.steps.process(processor);
            } else if (step instanceof String bean) {
                this.steps.process(bean);
            } else {
                throw new IllegalArgumentException("a send step is a bean name or a processor, not " + step);
            }
        }
        return this;
    }
}

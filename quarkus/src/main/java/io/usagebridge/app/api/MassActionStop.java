package io.usagebridge.app.api;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;

/**
 * Stops a running Zuora mass action through the bundle's {@code direct:stop-zuora-bulk} route (the target's own
 * connection and token), and records who asked.
 */
@ApplicationScoped
public class MassActionStop {

    static final String MASS_ACTION_TYPE = "zuora-rest-bulk";

    @Inject
    UsageBridgeBeans beans;

    private volatile ProducerTemplate producer;

    /** True when {@code d} is a mass action Zuora still runs. */
    public boolean stoppable(DeliveryRow d) {
        return d.remoteId() != null && MASS_ACTION_TYPE.equals(beans.catalog().typeName(d.target()))
                && (d.state() == DeliveryState.POLLING || d.state() == DeliveryState.SENT);
    }

    public Response stop(DeliveryRow delivery, String user) {
        if (!MASS_ACTION_TYPE.equals(beans.catalog().typeName(delivery.target()))) {
            return ApiProblem.conflict("NOT_STOPPABLE", "delivery " + delivery.id() + " goes to "
                    + delivery.target() + ", not a Zuora mass action: only those can be stopped");
        }
        if (!stoppable(delivery)) {
            return ApiProblem.conflict("NOT_STOPPABLE", "delivery " + delivery.id() + " is " + delivery.state()
                    + (delivery.remoteId() == null ? " with no job at Zuora yet" : ": its job is not running"));
        }
        Exchange call = producer().send("direct:stop-zuora-bulk", e -> {
            e.setProperty(ExchangeKeys.TARGET, delivery.target());
            e.setProperty(ExchangeKeys.REMOTE_ID, delivery.remoteId());
        });
        if (call.getException() != null) {
            return ApiProblem.response(Response.Status.BAD_GATEWAY, "STOP_FAILED", "Zuora did not stop job "
                    + delivery.remoteId() + ": " + call.getException().getMessage());
        }
        beans.actions().record("stop", delivery.id(), delivery.sourceId(), user, "bulkKey " + delivery.remoteId());
        return Response.ok(Map.of("delivery", delivery.id(), "bulkKey", delivery.remoteId(), "message",
                "stop requested: the job's next status check reports it")).build();
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            producer = beans.context().createProducerTemplate();
        }
        return producer;
    }
}

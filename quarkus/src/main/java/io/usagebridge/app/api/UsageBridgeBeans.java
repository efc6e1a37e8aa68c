package io.usagebridge.app.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;

import io.usagebridge.intake.OriginalMover;
import io.usagebridge.ledger.Journeys;
import io.usagebridge.ledger.Reconciliation;
import io.usagebridge.ledger.OperatorActions;
import io.usagebridge.ledger.Resolutions;
import io.usagebridge.plugin.TargetCatalog;

/** The ledger's parts the API uses, as the route bundle bound them when Camel started. */
@ApplicationScoped
public class UsageBridgeBeans {

    @Inject
    CamelContext context;

    public Journeys journeys() {
        return bean("journeys", Journeys.class);
    }

    public Reconciliation reconciliation() {
        return bean("reconciliation", Reconciliation.class);
    }

    public Resolutions resolutions() {
        return bean("resolutions", Resolutions.class);
    }

    public OperatorActions actions() {
        return bean("operatorActions", OperatorActions.class);
    }

    public TargetCatalog catalog() {
        return bean("targetCatalog", TargetCatalog.class);
    }

    public OriginalMover mover() {
        return new OriginalMover(context);
    }

    public CamelContext context() {
        return context;
    }

    private <T> T bean(String name, Class<T> type) {
        T bean = context.getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new NotStartedException();
        }
        return bean;
    }

    /** Camel has not bound the ledger yet (the app is starting): 503. */
    public static final class NotStartedException extends RuntimeException {
        NotStartedException() {
            super("UsageBridge is not started yet");
        }
    }
}

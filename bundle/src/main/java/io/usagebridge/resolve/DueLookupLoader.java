package io.usagebridge.resolve;

import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ledger.Resolutions;
import io.usagebridge.plugin.TargetCatalog;

/** The body becomes the uncertain deliveries due for a lookup at a target that can tell, each taken under lease. */
public final class DueLookupLoader implements Processor {

    private final Resolutions resolutions;
    private final TargetCatalog catalog;
    private final int maxLookups;
    private final Duration settle;
    private final int batch;

    public DueLookupLoader(Resolutions resolutions, TargetCatalog catalog, int maxLookups, Duration settle,
                           int batch) {
        this.resolutions = resolutions;
        this.catalog = catalog;
        this.maxLookups = maxLookups;
        this.settle = settle;
        this.batch = batch;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setBody(resolutions.takeDueLookups(catalog.targetsThatLookUpUncertain(), maxLookups,
                settle, batch));
    }
}

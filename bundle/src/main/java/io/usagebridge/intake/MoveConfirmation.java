package io.usagebridge.intake;

import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.support.SynchronizationAdapter;

import io.usagebridge.ledger.SourceLedger;

/**
 * Runs after the intake endpoint's own commit (its move of the original): records that the original is where the
 * ledger says, and lets go of the source's lease. Rolled back (the file stays in the inbox), the source is left
 * unmoved, so the file's next intake takes it over; so is a commit whose move failed (see MoveFailures). A crash
 * between the two leaves the same, once the lease runs out.
 */
final class MoveConfirmation extends SynchronizationAdapter implements Ordered {

    private final SourceLedger sources;
    private final long sourceId;

    MoveConfirmation(SourceLedger sources, long sourceId) {
        this.sources = sources;
        this.sourceId = sourceId;
    }

    /** After every other completion: Camel runs them last-added first, and the file endpoint's move is added first. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST;
    }

    @Override
    public void onComplete(Exchange exchange) {
        sources.movedTo(sourceId, !MoveFailures.failed(exchange));
    }

    @Override
    public void onFailure(Exchange exchange) {
        sources.movedTo(sourceId, false);
    }
}

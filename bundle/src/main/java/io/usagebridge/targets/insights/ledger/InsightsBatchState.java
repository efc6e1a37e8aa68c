package io.usagebridge.targets.insights.ledger;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The state machine of one Zuora Insights batch (a folder of record type files). Every change of a batch's state in
 * the ledger is checked here.
 */
public enum InsightsBatchState {
    /** Seen in the inbox; record types missing or still changing. Its deadline runs. */
    WAITING,
    /** Complete and taken by a node: its batchDate is chosen and kept; record types are being validated and sent. */
    CLAIMED,
    /** Final: every record type reached the store with the batch's batchDate. */
    UPLOADED,
    /** Final until replayed: incomplete at its deadline, invalid, or a record type was refused. */
    FAILED;

    private static final Map<InsightsBatchState, Set<InsightsBatchState>> ALLOWED = Map.of(
            WAITING, EnumSet.of(CLAIMED, FAILED),
            // CLAIMED again: the same node resumes a batch cut short (a crash, an unexpected error)
            CLAIMED, EnumSet.of(CLAIMED, UPLOADED, FAILED),
            UPLOADED, EnumSet.noneOf(InsightsBatchState.class),
            // the folder was moved back into the inbox: a replay, keeping the batchDate
            FAILED, EnumSet.of(WAITING));

    public boolean canMoveTo(InsightsBatchState next) {
        return ALLOWED.get(this).contains(next);
    }

    public boolean settled() {
        return this == UPLOADED || this == FAILED;
    }
}

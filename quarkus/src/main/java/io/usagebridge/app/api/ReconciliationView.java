package io.usagebridge.app.api;

import java.time.LocalDate;
import java.util.List;

import io.usagebridge.ledger.ReconciliationLine;

/** A day's reconciliation: per target, what was sent and what became of each row. */
public record ReconciliationView(LocalDate day, List<ReconciliationLine> targets) {
}

package io.usagebridge.targets.insights.ledger;

/** One record type of an Insights batch: its file's source row and its delivery, once they exist. */
public record InsightsRecordRow(long batchId, String recordType, Long sourceId, Long deliveryId) {
}

package io.usagebridge.targets.insights;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.deadletter.FailureLog;
import io.usagebridge.deadletter.FailureRecord;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.ledger.Ledger;
import io.usagebridge.ledger.SourceRow;
import io.usagebridge.targets.insights.ledger.InsightsBatchLedger;
import io.usagebridge.targets.insights.ledger.InsightsRecordRow;

/**
 * Between checking and sending: a batch goes on only when every record type's file was received and passed the
 * rules. Otherwise nothing of it is sent (an incomplete batch at Insights would only wait, or pause the stream); the
 * body becomes the record types to send, or nothing.
 */
public final class InsightsBatchGate implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(InsightsBatchGate.class);

    private final Map<String, InsightsTargetSettings> targets;
    private final Ledger ledger;
    private final InsightsBatchLedger batches;

    public InsightsBatchGate(Map<String, InsightsTargetSettings> targets, Ledger ledger,
                             InsightsBatchLedger batches) {
        this.targets = targets;
        this.ledger = ledger;
        this.batches = batches;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        BatchFolder batch = exchange.getProperty(InsightsKeys.BATCH, BatchFolder.class);
        long batchId = exchange.getProperty(InsightsKeys.BATCH_ID, Long.class);
        List<InsightsRecordRow> records = batches.records(batchId);
        List<RecordToSend> send = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String recordType : targets.get(batch.target()).dataSources().get(batch.dataSource()).recordTypes()) {
            Optional<SourceRow> source = records.stream().filter(r -> r.recordType().equals(recordType))
                    .map(InsightsRecordRow::sourceId).filter(id -> id != null).findFirst().flatMap(ledger.sources()::source);
            if (source.isEmpty()) {
                refused.add(recordType + " (not received)");
            } else if (source.get().errorCode() != null) {
                refused.add(recordType + " (" + source.get().errorCode() + ")");
            } else {
                SourceRow s = source.get();
                send.add(new RecordToSend(recordType, batch.files().get(recordType), s.id(), s.name(),
                        claimKey(s.sha256(), batchId, recordType), s.md5(), s.bytes(), s.rows()));
            }
        }
        if (!refused.isEmpty()) {
            LOG.warn("{}: NOT UPLOADED, record type(s) {} failed the Batch API's file rules or could not be read; "
                    + "nothing of the batch is sent", exchange.getProperty(ExchangeKeys.SOURCE_NAME), refused);
            send.clear();
            if (refused.stream().anyMatch(r -> r.endsWith("(not received)"))) {
                // a file that could not even be read has no source row to fail: the batch fails, so it is not
                // resumed scan after scan
                FailureLog failures = exchange.getProperty(ExchangeKeys.FAILURES, FailureLog.class);
                FailureRecord first = failures == null || failures.isEmpty() ? null : failures.all().get(0);
                batches.fail(batchId, first == null ? CoreFailureCode.INTERNAL_ERROR
                        : InsightsFailureCode.named(first.code()),
                        "batch " + exchange.getProperty(ExchangeKeys.SOURCE_NAME) + " is not uploaded: record "
                        + "type(s) " + refused + (first == null ? "" : ": " + first.message()));
            }
        }
        exchange.getMessage().setBody(send);
    }

    /**
     * The delivery's claim key: the file's content bound to its batch and record type. A record type whose file is
     * unchanged since the last batch is still sent (it belongs to a new batch); a replay of this batch does not
     * send again what already reached the store.
     */
    static String claimKey(String fileSha256, long batchId, String recordType) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest((fileSha256 + "|insights-batch|"
                + batchId + "|" + recordType).getBytes(StandardCharsets.UTF_8)));
    }
}

package io.usagebridge.targets.insights;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.csv.ChunkFile;

/**
 * Sets up one record type for the spine's claim, attempt and acceptance steps: its source, its claim key and the
 * file as the delivery's one and only chunk.
 */
public final class InsightsDeliveryPreparer implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        RecordToSend record = exchange.getMessage().getMandatoryBody(RecordToSend.class);
        exchange.setProperty(ExchangeKeys.SOURCE_ID, record.sourceId());
        exchange.setProperty(ExchangeKeys.SOURCE_NAME, record.sourceName());
        exchange.setProperty(ExchangeKeys.SHA256, record.sha256());
        exchange.setProperty(ExchangeKeys.CHUNK, new ChunkFile(1, 1, record.file(), record.md5(), record.bytes(),
                record.rows()));
        exchange.setProperty(InsightsKeys.RECORD_TYPE, record.recordType());
        exchange.setProperty(InsightsKeys.RECORD_FILE, record.file());
    }
}

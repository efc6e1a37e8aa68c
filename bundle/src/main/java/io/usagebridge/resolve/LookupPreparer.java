package io.usagebridge.resolve;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.ledger.DeliveryRow;

/** Sets up the lookup of one uncertain send: what it was sent as (name, MD5) and when. */
public final class LookupPreparer implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        DeliveryRow row = exchange.getMessage().getMandatoryBody(DeliveryRow.class);
        exchange.setProperty(ExchangeKeys.DELIVERY_ROW, row);
        exchange.setProperty(ExchangeKeys.DELIVERY_ID, row.id());
        exchange.setProperty(ExchangeKeys.TARGET, row.target());
        exchange.setProperty(ExchangeKeys.LOOKUP_NAME, row.sentName());
        exchange.setProperty(ExchangeKeys.LOOKUP_MD5, row.chunkMd5());
        exchange.setProperty(ExchangeKeys.LOOKUP_SINCE, row.uncertainSince());
        exchange.getMessage().setBody(null);
    }
}

package io.usagebridge.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.plugin.TargetCatalog;

/** Hands a target's slice to the chunker its type names (see TargetType#chunkerBean): the body becomes chunks. */
public final class DeliveryChunker implements Processor {

    private final TargetCatalog catalog;

    public DeliveryChunker(TargetCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String target = exchange.getProperty(ExchangeKeys.TARGET, String.class);
        String bean = catalog.typeOf(target).chunkerBean();
        Processor chunker = exchange.getContext().getRegistry().lookupByNameAndType(bean, Processor.class);
        if (chunker == null) {
            throw new IllegalStateException("no chunker bean '" + bean + "' for target " + target);
        }
        chunker.process(exchange);
    }
}

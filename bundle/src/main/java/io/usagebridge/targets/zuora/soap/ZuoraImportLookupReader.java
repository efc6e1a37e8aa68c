package io.usagebridge.targets.zuora.soap;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * Reads a lookup's query() answer ({@link ZuoraImportLookup}): FOUND with the Import's Id, or NOT_FOUND. Only a
 * queryResponse decides; anything else throws, so a failed call is never taken for NOT_FOUND.
 *
 * <p>Zuora documents queries as "in general not case sensitive", so a record whose own Name or Md5 differs from
 * what was sent (by case, say) is not taken: the match must be exact. Of several matches (the same bytes sent
 * twice under one name within the window) the earliest created is taken.
 */
public final class ZuoraImportLookupReader implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ZuoraImportLookupReader.class);
    /** Ids of other matches listed in the ledger's remote_response (4000 characters). */
    private static final int LISTED = 10;

    private static final Comparator<ZuoraSoapReplies.ImportRecord> EARLIEST_FIRST = Comparator.comparing(
            (ZuoraSoapReplies.ImportRecord record) -> record.created().orElse(Instant.MAX));

    @Override
    public void process(Exchange exchange) {
        ZuoraSoapRequest.FindImport sent = exchange.getProperty(ExchangeKeys.SOAP_REQUEST,
                ZuoraSoapRequest.FindImport.class);
        if (sent == null) {
            throw new IllegalStateException("no FindImport request on the exchange: read only after one was made");
        }
        Element response = ZuoraSoapReplies.responseElement(exchange, "queryResponse");
        List<ZuoraSoapReplies.ImportRecord> matches = ZuoraSoapReplies.importRecords(response).stream()
                .filter(record -> exact(record, sent)).sorted(EARLIEST_FIRST).toList();
        String looked = "Import Name=" + sent.name() + " Md5=" + sent.md5() + " created since "
                + sent.createdSince();
        if (matches.isEmpty()) {
            exchange.removeProperty(ExchangeKeys.REMOTE_ID);
            exchange.removeProperty(ExchangeKeys.REMOTE_STATUS);
            exchange.setProperty(ZuoraImportLookup.OUTCOME, ZuoraImportLookup.NOT_FOUND);
            exchange.setProperty(ExchangeKeys.REMOTE_RESPONSE, "no " + looked);
            LOG.info("{}: Zuora holds no {}", exchange.getProperty(ExchangeKeys.TARGET), looked);
            return;
        }
        ZuoraSoapReplies.ImportRecord earliest = matches.get(0);
        String id = earliest.status().id();
        if (id == null || id.isBlank()) {
            throw new UsageBridgeFailure(ZuoraSoapFailureCode.ZUORA_SOAP_FAULT,
                    "query() answered an Import without an Id",
                    ZuoraSoapReplies.text(response));
        }
        exchange.setProperty(ZuoraImportLookup.OUTCOME, ZuoraImportLookup.FOUND);
        exchange.setProperty(ExchangeKeys.REMOTE_ID, id.trim());
        exchange.setProperty(ExchangeKeys.REMOTE_STATUS, earliest.status().status());
        String found = "found " + earliest.status().summary() + " CreatedDate=" + earliest.createdDate() + " by "
                + looked + describeOthers(matches, ZuoraSoapReplies.queryDone(response));
        exchange.setProperty(ExchangeKeys.REMOTE_RESPONSE, found);
        LOG.info("{}: {}", exchange.getProperty(ExchangeKeys.TARGET), found);
    }

    /** A record Zuora matched is taken unless its own Name or Md5 (when answered) differs from what was sent. */
    private static boolean exact(ZuoraSoapReplies.ImportRecord record, ZuoraSoapRequest.FindImport sent) {
        return (record.name() == null || record.name().equals(sent.name()))
                && (record.md5() == null || record.md5().trim().equalsIgnoreCase(sent.md5()));
    }

    private static String describeOthers(List<ZuoraSoapReplies.ImportRecord> matches, boolean done) {
        if (matches.size() == 1 && done) {
            return "";
        }
        String others = matches.stream().skip(1).limit(LISTED)
                .map(record -> record.status().id() + " (CreatedDate=" + record.createdDate() + ")")
                .collect(Collectors.joining(", "));
        return "; " + matches.size() + (done ? "" : " or more") + " Imports match, the earliest created is taken"
                + (others.isEmpty() ? "" : "; the others: " + others + (matches.size() - 1 > LISTED ? ", ..." : ""));
    }
}

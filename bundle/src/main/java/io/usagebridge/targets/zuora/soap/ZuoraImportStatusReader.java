package io.usagebridge.targets.zuora.soap;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.w3c.dom.Element;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.poll.RemoteOutcome;

/**
 * Reads an Import's status from query(): Pending and Processing are asked again, Completed is imported, Failed
 * is rejected with its StatusReason. Counts go to the ledger; the ResultResourceUrl (a zipped CSV) is
 * downloaded for either final status.
 */
public final class ZuoraImportStatusReader implements Processor {

    @Override
    public void process(Exchange exchange) {
        Element response = ZuoraSoapReplies.responseElement(exchange, "queryResponse");
        String importId = exchange.getProperty(ExchangeKeys.REMOTE_ID, String.class);
        ZuoraSoapReplies.ImportStatus status = ZuoraSoapReplies.importStatus(response).orElseThrow(() ->
                new UsageBridgeFailure(ZuoraSoapFailureCode.ZUORA_SOAP_FAULT,
                        "query() found no Import with Id " + importId,
                        ZuoraSoapReplies.text(response)));
        String state = status.status() == null ? "" : status.status();
        RemoteOutcome outcome = outcome(state);
        exchange.setProperty(ExchangeKeys.REMOTE_STATUS, state);
        exchange.setProperty(ExchangeKeys.REMOTE_RESPONSE, status.summary());
        exchange.setProperty(ExchangeKeys.POLL_OUTCOME, outcome);
        if (status.statusReason() != null && !status.statusReason().isBlank()) {
            exchange.setProperty(ExchangeKeys.REMOTE_REASON, status.statusReason().trim());
        }
        exchange.setProperty(ExchangeKeys.REMOTE_TOTAL, status.totalCount());
        exchange.setProperty(ExchangeKeys.REMOTE_IMPORTED, status.importedCount());
        if (status.totalCount() != null && status.importedCount() != null) {
            exchange.setProperty(ExchangeKeys.REMOTE_FAILED, status.totalCount() - status.importedCount());
        }
        if (outcome != RemoteOutcome.PENDING && status.resultResourceUrl() != null
                && !status.resultResourceUrl().isBlank()) {
            exchange.setProperty(ExchangeKeys.RESULT_URL, status.resultResourceUrl().trim());
        }
    }

    static RemoteOutcome outcome(String status) {
        return switch (status) {
            case "Completed" -> RemoteOutcome.ACCEPTED;
            case "Failed" -> RemoteOutcome.REJECTED;
            default -> RemoteOutcome.PENDING;
        };
    }
}

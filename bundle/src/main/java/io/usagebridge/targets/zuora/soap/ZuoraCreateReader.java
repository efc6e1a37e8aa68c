package io.usagebridge.targets.zuora.soap;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.w3c.dom.Element;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * Reads create()'s SaveResult: the Import Id to follow, or Success=false with Zuora's Errors. The messages Zuora
 * documents for usage imports (seed 000) map to stable codes; Zuora prefixes them with "Validation exception: ",
 * so the text after it decides.
 */
public final class ZuoraCreateReader implements Processor {

    private static final String PREFIX = "Validation exception:";

    @Override
    public void process(Exchange exchange) {
        Element response = ZuoraSoapReplies.responseElement(exchange, "createResponse");
        String reply = ZuoraSoapReplies.text(response);
        exchange.setProperty(ExchangeKeys.REMOTE_RESPONSE, reply);
        List<ZuoraSoapReplies.SaveResult> results = ZuoraSoapReplies.saveResults(response);
        if (results.isEmpty()) {
            throw new UsageBridgeFailure(ZuoraSoapFailureCode.ZUORA_IMPORT_REJECTED,
                    "create() answered no SaveResult", reply);
        }
        ZuoraSoapReplies.SaveResult result = results.get(0);
        if (result.success() && result.id() != null && !result.id().isBlank()) {
            exchange.setProperty(ExchangeKeys.REMOTE_ID, result.id().trim());
            exchange.setProperty(ExchangeKeys.REMOTE_STATUS, "Created");
            return;
        }
        String errors = result.errors().stream().map(ZuoraSoapReplies.SaveError::toString)
                .collect(Collectors.joining("; "));
        String message = result.errors().isEmpty() ? null : result.errors().get(0).message();
        throw new UsageBridgeFailure(codeOf(message), "Zuora refused the Import: "
                + (errors.isEmpty() ? "Success=false without Errors" : errors), reply);
    }

    /** The stable code of one of Zuora's create() messages. */
    static FailureCode codeOf(String message) {
        if (message == null) {
            return ZuoraSoapFailureCode.ZUORA_IMPORT_REJECTED;
        }
        String text = message.strip();
        if (text.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            text = text.substring(PREFIX.length()).strip();
        }
        if (text.startsWith("Cannot detect the file name from your Content-Type")) {
            return ZuoraSoapFailureCode.ZUORA_IMPORT_NO_FILE_NAME;
        }
        if (text.startsWith("File MD5 verification error")) {
            return ZuoraSoapFailureCode.ZUORA_IMPORT_MD5_MISMATCH;
        }
        if (text.startsWith("The import file exceeds the maximum file size")) {
            return ZuoraSoapFailureCode.ZUORA_IMPORT_TOO_LARGE;
        }
        if (text.startsWith("The zip file cannot contain a directory")) {
            return ZuoraSoapFailureCode.ZUORA_IMPORT_ZIP_HAS_DIRECTORY;
        }
        return ZuoraSoapFailureCode.ZUORA_IMPORT_REJECTED;
    }
}

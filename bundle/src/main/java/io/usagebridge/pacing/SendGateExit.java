package io.usagebridge.pacing;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.util.ObjectHelper;

import io.usagebridge.ExchangeKeys;

/**
 * After a send's call, answered or failed: the target's gate hears what the reply said of its limits, and the place
 * is given back. Runs in the send path and in the error handling; an exchange holding no place passes through.
 */
public final class SendGateExit implements Processor {

    @Override
    public void process(Exchange exchange) {
        SendPermit permit = exchange.getProperty(ExchangeKeys.SEND_PERMIT, SendPermit.class);
        if (permit == null) {
            return;
        }
        exchange.removeProperty(ExchangeKeys.SEND_PERMIT);
        Exception failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        HttpOperationFailedException http = failure == null ? null
                : ObjectHelper.getException(HttpOperationFailedException.class, failure);
        permit.gate().heard(http != null ? TargetLimits.of(http.getResponseHeaders())
                : TargetLimits.of(exchange.getMessage().getHeaders()));
        permit.close();
    }
}

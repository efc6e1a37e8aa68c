package io.usagebridge.targets.twocheckout;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.http.ReplyBodies;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/** Reads 2Checkout's answer. It is HTTP 200 whatever happened: the body decides. */
public final class TwoCheckoutReplyReader implements Processor {

    @Override
    public void process(Exchange exchange) throws java.io.IOException {
        String reply = ReplyBodies.read(exchange, "2Checkout's answer");
        String text = reply == null ? "" : reply.trim();
        exchange.setProperty(ExchangeKeys.REMOTE_RESPONSE, text);
        switch (text) {
            case "1" -> exchange.setProperty(ExchangeKeys.REMOTE_STATUS, "1");
            case "Invalid account!" -> throw new UsageBridgeFailure(TwoCheckoutFailureCode.TWOCHECKOUT_INVALID_ACCOUNT,
                    "2Checkout does not know the merchant code: check target merchant", text);
            case "Bad signature on the received file!" -> throw new UsageBridgeFailure(
                    TwoCheckoutFailureCode.TWOCHECKOUT_FILE_MD5_MISMATCH,
                    "2Checkout computed another MD5 for the file than the file_MD5 sent", text);
            case "Invalid signature" -> throw new UsageBridgeFailure(
                    TwoCheckoutFailureCode.TWOCHECKOUT_INVALID_SIGNATURE, "2Checkout refused the request hash: check the secret key and the signed fields", text);
            default -> throw new UsageBridgeFailure(TwoCheckoutFailureCode.TWOCHECKOUT_UNEXPECTED_REPLY,
                    "2Checkout answered neither 1 nor a documented error", text);
        }
    }
}

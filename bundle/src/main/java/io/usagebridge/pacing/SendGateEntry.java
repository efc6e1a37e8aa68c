package io.usagebridge.pacing;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * The step before a send opens its attempt: takes a place at the target's gate. A parked retry the ledger found due
 * waits for a place only: the ledger kept its wait (waiting is data, the same on every instance), and an operator or
 * another instance may have made it due. The place is given back by
 * {@link SendGateExit} once the call returned or failed; the exchange's end gives it back too, should a path skip
 * that step.
 */
public final class SendGateEntry implements Processor {

    private final SendGates gates;

    public SendGateEntry(SendGates gates) {
        this.gates = gates;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        TargetSendGate gate = gates.of(exchange.getProperty(ExchangeKeys.TARGET, String.class));
        if (gate == null) {
            return;
        }
        try {
            if (exchange.getProperty(ExchangeKeys.DUE_RETRY, false, Boolean.class)) {
                gate.enterDue();
            } else {
                gate.enter(gates.maxHoldWait());
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw new UsageBridgeFailure(CoreFailureCode.TARGET_UNAVAILABLE, "stopped while waiting to send: nothing "
                    + "sent, the send waits in the ledger", null, true, null, stopping);
        }
        SendPermit permit = new SendPermit(gate);
        exchange.setProperty(ExchangeKeys.SEND_PERMIT, permit);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                permit.close();
            }
        });
    }
}

package io.usagebridge.pacing;

import java.util.concurrent.atomic.AtomicBoolean;

/** A place taken at a target's gate, given back once however often it is closed (after the call, on failure, at the exchange's end). */
final class SendPermit implements AutoCloseable {

    private final TargetSendGate gate;
    private final AtomicBoolean open = new AtomicBoolean(true);

    SendPermit(TargetSendGate gate) {
        this.gate = gate;
    }

    TargetSendGate gate() {
        return gate;
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            gate.leave();
        }
    }
}

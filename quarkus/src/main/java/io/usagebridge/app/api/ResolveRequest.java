package io.usagebridge.app.api;

/**
 * How an operator resolves an uncertain delivery.
 *
 * @param as   {@code delivered} (it arrived: closed without a send) or {@code resend} (a deliberate second send)
 * @param by   who decides (recorded with the resolution)
 * @param note why, e.g. "seen in the 2Checkout console" (optional)
 */
public record ResolveRequest(String as, String by, String note) {
}

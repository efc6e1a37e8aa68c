package io.usagebridge.alerts;

/** An alert as a plain-text mail: its subject line and body. */
public record AlertMail(String subject, String body) {
}

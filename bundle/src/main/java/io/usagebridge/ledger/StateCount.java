package io.usagebridge.ledger;

/** How many deliveries to a target are in a state (or, with a null target, how many source files are). */
public record StateCount(String target, String state, long count) {
}

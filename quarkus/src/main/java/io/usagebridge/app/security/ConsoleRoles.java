package io.usagebridge.app.security;

/** The console's two roles: everyone who logs in reads; operators also act (replay, resolve, stop). */
public final class ConsoleRoles {

    /** Reads files, journeys, counts and actions. */
    public static final String VIEWER = "viewer";
    /** Also replays, resolves and stops; holds {@link #VIEWER} too. */
    public static final String OPERATOR = "operator";

    private ConsoleRoles() {
    }
}

package io.usagebridge.targets.httpmultipart;

/**
 * Takes the bearer token out of a receiver's words before they are kept (ledger, sidecar): a receiver that echoes
 * the credential it refused must not put it on disk.
 */
record TokenRedaction(String token) {

    static final String MARK = "[token]";

    String apply(String text) {
        return text == null || token == null || token.isEmpty() ? text : text.replace(token, MARK);
    }
}

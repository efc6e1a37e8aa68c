package io.usagebridge.app.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Who may change the ledger through the API: a caller on this machine (the CLI, kubectl exec), or one presenting the
 * operator token ({@code usagebridge.api.operator-token}, by reference). Read-only calls are open like the health
 * endpoints. The console's users and roles replace this (see the operations console issue).
 */
final class OperatorAccess {

    private final Optional<String> token;

    OperatorAccess(Optional<String> token) {
        this.token = token.filter(t -> !t.isBlank());
    }

    boolean allowed(String remoteAddress, String authorization) {
        if (token.isPresent() && authorization != null && authorization.startsWith("Bearer ")
                && MessageDigest.isEqual(token.get().getBytes(StandardCharsets.UTF_8),
                        authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        return loopback(remoteAddress);
    }

    static boolean loopback(String address) {
        if (address == null) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

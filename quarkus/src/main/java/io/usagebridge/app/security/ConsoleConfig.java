package io.usagebridge.app.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The console's users, from configuration: {@code usagebridge.console.users.<name>.password-hash} and
 * {@code .roles} (viewer, operator). No user is configured by default: then only the health and metrics
 * endpoints answer without a login, and nobody can log in.
 */
@ConfigMapping(prefix = "usagebridge.console")
public interface ConsoleConfig {

    Map<String, User> users();

    /**
     * The key the CSRF tokens of actions are made with (base64, 32 bytes or more). Unset: a random key per start,
     * which is right for one instance; several instances behind one address need the same key.
     */
    Optional<String> csrfKey();

    /** Where the console is reached from outside (alerts link to its pages); read by the bundle's alerts. */
    Optional<String> baseUrl();

    interface User {

        /** {@code pbkdf2-sha256:<iterations>:<salt>:<hash>}, from {@code hash-password}. */
        String passwordHash();

        @WithDefault(ConsoleRoles.VIEWER)
        List<String> roles();
    }
}

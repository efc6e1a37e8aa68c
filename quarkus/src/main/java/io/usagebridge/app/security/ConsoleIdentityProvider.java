package io.usagebridge.app.security;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Checks a login (the console's form, or HTTP Basic from the CLI) against the configured users. A password is
 * derived with PBKDF2 once; a login that passed is remembered for a few minutes by a salted digest (never the
 * password), so the CLI's Basic requests do not pay the derivation each time.
 */
@ApplicationScoped
public class ConsoleIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(ConsoleIdentityProvider.class);
    private static final Duration REMEMBERED = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED = 1000;

    @Inject
    ConsoleConfig config;

    private final byte[] rememberSalt = new byte[32];
    private final Map<String, Instant> passed = new ConcurrentHashMap<>();

    public ConsoleIdentityProvider() {
        new SecureRandom().nextBytes(rememberSalt);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        // PBKDF2 takes a good part of a second: never on the event loop
        return context.runBlocking(() -> check(request.getUsername(), request.getPassword().getPassword()));
    }

    SecurityIdentity check(String name, char[] password) {
        ConsoleConfig.User user = config.users().get(name);
        String remembered = remembered(name, password);
        Instant until = passed.get(remembered);
        if (user != null && until != null && until.isAfter(Instant.now())) {
            return identity(name, user);
        }
        boolean matches;
        if (user == null) {
            // the same cost as a known user's check
            PasswordHash.decoy().matches(password);
            matches = false;
        } else {
            matches = hashOf(name, user).matches(password);
        }
        if (!matches) {
            LOG.warnf("console login refused for user %s", user == null ? "(unknown)" : name);
            throw new AuthenticationFailedException("wrong user or password");
        }
        if (passed.size() >= MAX_REMEMBERED) {
            passed.clear();
        }
        passed.put(remembered, Instant.now().plus(REMEMBERED));
        return identity(name, user);
    }

    private static PasswordHash hashOf(String name, ConsoleConfig.User user) {
        try {
            return PasswordHash.parse(user.passwordHash());
        } catch (IllegalArgumentException e) {
            throw new AuthenticationFailedException("user " + name + ": " + e.getMessage());
        }
    }

    static SecurityIdentity identity(String name, ConsoleConfig.User user) {
        Set<String> roles = new HashSet<>();
        for (String role : user.roles()) {
            String trimmed = role.trim();
            if (ConsoleRoles.OPERATOR.equals(trimmed) || ConsoleRoles.VIEWER.equals(trimmed)) {
                roles.add(trimmed);
            }
        }
        // an operator reads too
        roles.add(ConsoleRoles.VIEWER);
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRoles(roles).build();
    }

    private String remembered(String name, char[] password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(rememberSalt);
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)));
            return Base64.getEncoder().encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

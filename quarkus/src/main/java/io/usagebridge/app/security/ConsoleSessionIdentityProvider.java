package io.usagebridge.app.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;

/**
 * The console's login cookie (form login, encrypted by Quarkus) names a user who logged in: they are looked up again
 * at each request, so a user removed from configuration, or given other roles, is refused or changed at once.
 */
@ApplicationScoped
public class ConsoleSessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    @Inject
    ConsoleConfig config;

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        ConsoleConfig.User user = config.users().get(request.getPrincipal());
        if (user == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("no such console user"));
        }
        return Uni.createFrom().item(ConsoleIdentityProvider.identity(request.getPrincipal(), user));
    }
}

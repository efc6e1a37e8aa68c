package io.usagebridge.app.security;

import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

/** Every request that changes something (not GET or HEAD) carries the user's {@link CsrfTokens} token. */
@Provider
public class CsrfCheck implements ContainerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    CsrfTokens tokens;

    @Override
    public void filter(ContainerRequestContext request) {
        if (READS.contains(request.getMethod())) {
            return;
        }
        SecurityContext security = request.getSecurityContext();
        String user = security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
        if (user == null || !tokens.valid(user, request.getHeaderString(CsrfTokens.HEADER))) {
            request.abortWith(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "CSRF_TOKEN_MISSING", "message", "an action needs the "
                            + CsrfTokens.HEADER + " header of GET /api/session")).build());
        }
    }
}

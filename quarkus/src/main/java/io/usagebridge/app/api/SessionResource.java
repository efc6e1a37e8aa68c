package io.usagebridge.app.api;

import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.usagebridge.app.security.ConsoleRoles;
import io.usagebridge.app.security.CsrfTokens;

/** Who is logged in, what they may do, and the token their actions carry (see {@link CsrfTokens}). */
@Path("/api/session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "session")
public class SessionResource {

    /** quarkus.http.auth.form.cookie-name's default */
    static final String LOGIN_COOKIE = "quarkus-credential";

    @Inject
    SecurityIdentity identity;

    @Inject
    CsrfTokens tokens;

    /** @param csrfToken send it as the X-CSRF-Token header of every POST */
    public record Session(String user, Set<String> roles, boolean operator, String csrfToken) {
    }

    @GET
    @RolesAllowed(ConsoleRoles.VIEWER)
    @Operation(summary = "The logged-in user, their roles and the X-CSRF-Token their actions need")
    public Session session() {
        String user = identity.getPrincipal().getName();
        return new Session(user, identity.getRoles(), identity.hasRole(ConsoleRoles.OPERATOR),
                tokens.tokenFor(user));
    }

    @POST
    @Path("/logout")
    @RolesAllowed(ConsoleRoles.VIEWER)
    @Operation(summary = "Ends the console's login: its cookie is dropped")
    public Response logout() {
        // the form login keeps no session on the server: dropping the cookie ends it
        return Response.noContent().cookie(new NewCookie.Builder(LOGIN_COOKIE).path("/").maxAge(0).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).value("").build()).build();
    }
}

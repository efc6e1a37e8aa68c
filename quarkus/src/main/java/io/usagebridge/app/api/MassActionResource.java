package io.usagebridge.app.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.usagebridge.app.security.ConsoleRoles;

/** A Zuora mass action stopped by its bulkKey (what Zuora's own UI and replies show), as the CLI's stop does. */
@jakarta.ws.rs.Path("/api/mass-actions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "deliveries")
public class MassActionResource {

    @Inject
    UsageBridgeBeans beans;

    @Inject
    MassActionStop massActions;

    @POST
    @jakarta.ws.rs.Path("/{bulkKey}/stop")
    @RolesAllowed(ConsoleRoles.OPERATOR)
    @Operation(summary = "Stop the running Zuora mass action with this bulkKey")
    public Response stop(@PathParam("bulkKey") String bulkKey, @Context SecurityContext security) {
        return beans.actions().deliveryWithRemoteId(bulkKey)
                .map(d -> massActions.stop(d, security.getUserPrincipal().getName()))
                .orElseGet(() -> ApiProblem.notFound("no delivery has the bulkKey " + bulkKey));
    }
}

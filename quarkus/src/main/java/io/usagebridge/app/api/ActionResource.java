package io.usagebridge.app.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.usagebridge.app.security.ConsoleRoles;
import io.usagebridge.ledger.ActionRow;

/** What operators (and lookups at the targets) did, newest first: the ledger's ledger_action table. */
@Path("/api/actions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "actions")
public class ActionResource {

    @Inject
    UsageBridgeBeans beans;

    @GET
    @RolesAllowed(ConsoleRoles.VIEWER)
    @Operation(summary = "Recorded actions (replay, resolve, stop, lookups) with who and when, newest first")
    public List<ActionRow> actions(@QueryParam("limit") @DefaultValue("100") int limit) {
        return beans.journeys().recentActions(limit);
    }
}

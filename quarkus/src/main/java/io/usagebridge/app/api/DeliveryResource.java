package io.usagebridge.app.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.Resolutions;
import io.usagebridge.ledger.SourceRow;
import io.usagebridge.poll.ResultFiles;

/**
 * Deliveries: those an operator must decide on ({@code GET /api/deliveries/uncertain}) and the decision
 * ({@code POST /api/deliveries/{id}/resolve}: delivered, closed without a send, the original goes to done/; or
 * resend, a deliberate second send); a Zuora mass action stopped; a target's result file.
 */
@jakarta.ws.rs.Path("/api/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "deliveries")
public class DeliveryResource {

    @Inject
    UsageBridgeBeans beans;

    @Inject
    MassActionStop massActions;

    @Inject
    FileReplay replays;

    @GET
    @jakarta.ws.rs.Path("/uncertain")
    @RolesAllowed(ConsoleRoles.VIEWER)
    @Operation(summary = "Deliveries that may have arrived with no answer, oldest first: each waits for a resolution")
    public List<UncertainDeliveryView> uncertain() {
        return beans.resolutions().uncertain().stream()
                .map(d -> UncertainDeliveryView.of(d, beans.journeys().source(d.sourceId()).orElse(null))).toList();
    }

    @POST
    @jakarta.ws.rs.Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ConsoleRoles.OPERATOR)
    @Operation(summary = "Resolve an uncertain delivery: as delivered (nothing sent) or resend (one recorded send)")
    public Response resolve(@PathParam("id") long id, ResolveRequest resolve, @Context SecurityContext security) {
        if (resolve == null || resolve.as() == null) {
            return ApiProblem.badRequest("give as: delivered or resend");
        }
        Resolutions.Resolution resolution = switch (resolve.as().toLowerCase(Locale.ROOT)) {
            case "delivered" -> Resolutions.Resolution.DELIVERED;
            case "resend" -> Resolutions.Resolution.RESEND;
            default -> null;
        };
        if (resolution == null) {
            return ApiProblem.badRequest("as is delivered or resend, not " + resolve.as());
        }
        // who decided is the user logged in, whatever the request says
        DeliveryRow row = beans.resolutions().resolve(id, resolution, security.getUserPrincipal().getName(),
                resolve.note());
        return Response.ok(Map.of("delivery", row.id(), "state", row.state().name(), "resolution",
                row.resolution(), "resolvedBy", row.resolvedBy())).build();
    }

    @POST
    @jakarta.ws.rs.Path("/{id}/stop")
    @RolesAllowed(ConsoleRoles.OPERATOR)
    @Operation(summary = "Stop a running Zuora mass action (PUT /v1/bulk/{bulkKey}/stop at Zuora); its next status "
            + "check reports Stopped and the file goes to failed/, to be replayed")
    public Response stop(@PathParam("id") long id, @Context SecurityContext security) {
        Optional<DeliveryRow> found = beans.journeys().delivery(id);
        if (found.isEmpty()) {
            return ApiProblem.notFound("no delivery " + id + " in the ledger");
        }
        return massActions.stop(found.get(), security.getUserPrincipal().getName());
    }

    @POST
    @jakarta.ws.rs.Path("/{id}/replay")
    @RolesAllowed(ConsoleRoles.OPERATOR)
    @Operation(summary = "Replay the failed file of this delivery (see POST /api/files/{id}/replay)")
    public Response replay(@PathParam("id") long id, @Context SecurityContext security) {
        return beans.journeys().delivery(id)
                .map(d -> replays.replay(d.sourceId(), security.getUserPrincipal().getName()))
                .orElseGet(() -> ApiProblem.notFound("no delivery " + id + " in the ledger"));
    }

    @GET
    @jakarta.ws.rs.Path("/{id}/result")
    @Produces({"application/zip", MediaType.APPLICATION_JSON})
    @RolesAllowed(ConsoleRoles.VIEWER)
    @Operation(summary = "The target's result file of a delivery (an Import's result zip, a mass action's output)")
    public Response result(@PathParam("id") long id) {
        Optional<DeliveryRow> delivery = beans.journeys().delivery(id);
        Optional<SourceRow> source = delivery.flatMap(d -> beans.journeys().source(d.sourceId()));
        Optional<Path> file = source.flatMap(s -> ResultFiles.find(s, delivery.get()));
        return file.map(p -> Downloads.attachment(p, "application/zip"))
                .orElseGet(() -> ApiProblem.notFound("delivery " + id + " has no result file kept"));
    }
}

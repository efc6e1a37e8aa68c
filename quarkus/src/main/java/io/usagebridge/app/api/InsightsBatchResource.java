package io.usagebridge.app.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.usagebridge.app.security.ConsoleRoles;
import io.usagebridge.targets.insights.InsightsBatchRerun;
import io.usagebridge.targets.insights.ledger.InsightsBatchRow;

/** Zuora Insights batches: the latest, and the re-run of a failed one (incomplete at its deadline, refused). */
@jakarta.ws.rs.Path("/api/insights-batches")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "insights")
public class InsightsBatchResource {

    @Inject
    UsageBridgeBeans beans;

    @GET
    @RolesAllowed(ConsoleRoles.VIEWER)
    @Operation(summary = "The latest Insights batches, newest first, with their state, batchDate and error")
    public List<InsightsBatchView> batches(@QueryParam("limit") @DefaultValue("100") int limit) {
        return reruns().map(r -> r.batches().recent(limit).stream().map(InsightsBatchView::of).toList())
                .orElse(List.of());
    }

    @POST
    @jakarta.ws.rs.Path("/{id}/rerun")
    @RolesAllowed(ConsoleRoles.OPERATOR)
    @Operation(summary = "Re-run a failed batch: its folder goes back into the inbox and is taken again with its "
            + "batchDate (record types added meanwhile count)")
    public Response rerun(@PathParam("id") long id, @Context SecurityContext security) {
        Optional<InsightsBatchRerun> reruns = reruns();
        Optional<InsightsBatchRow> batch = reruns.flatMap(r -> r.batches().batch(id));
        if (batch.isEmpty()) {
            return ApiProblem.notFound("no Insights batch " + id + " in the ledger");
        }
        if (!InsightsBatchRerun.rerunnable(batch.get())) {
            return ApiProblem.conflict("NOT_RERUNNABLE", "batch " + batch.get().relativeName() + " is "
                    + batch.get().state() + (batch.get().finished() ? "" : " and still in the inbox")
                    + ": only a failed batch is re-run");
        }
        try {
            Path movedTo = reruns.get().rerun(batch.get());
            beans.actions().record("rerun-insights-batch", null, null, security.getUserPrincipal().getName(),
                    "batch " + id + " " + batch.get().relativeName() + " moved back to " + movedTo);
            return Response.ok(Map.of("batch", id, "movedTo", movedTo.toString(), "message", "batch "
                    + batch.get().relativeName() + " is back in the inbox: the next scan takes it again")).build();
        } catch (IOException e) {
            return ApiProblem.conflict("RERUN_FAILED", e.getMessage());
        }
    }

    private Optional<InsightsBatchRerun> reruns() {
        return Optional.ofNullable(beans.context().getRegistry().lookupByNameAndType("insightsBatchRerun",
                InsightsBatchRerun.class));
    }
}

package io.usagebridge.app.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
import io.usagebridge.ledger.HourlyOutcomes;
import io.usagebridge.ledger.StateCount;

/** How many files and deliveries stand where, over a time range, and files per hour by outcome. */
@Path("/api/counts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "counts")
public class CountsResource {

    @Inject
    UsageBridgeBeans beans;

    @GET
    @RolesAllowed(ConsoleRoles.VIEWER)
    @Operation(summary = "Files per state and deliveries per target and state, of the files received in [from, to) "
            + "(default: the last 24 hours)")
    public CountsView counts(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant end = ApiTimes.parse("to", to);
        end = end == null ? Instant.now() : end;
        Instant start = ApiTimes.parse("from", from);
        start = start == null ? end.minus(Duration.ofHours(24)) : start;
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("from is before to");
        }
        Map<String, Long> files = new TreeMap<>();
        Map<String, Map<String, Long>> targets = new TreeMap<>();
        for (StateCount c : beans.journeys().counts(start, end)) {
            if (c.target() == null) {
                files.put(c.state(), c.count());
            } else {
                targets.computeIfAbsent(c.target(), t -> new TreeMap<>()).put(c.state(), c.count());
            }
        }
        return new CountsView(start, end, files, targets);
    }

    @GET
    @Path("/hourly")
    @RolesAllowed(ConsoleRoles.VIEWER)
    @Operation(summary = "Files received per hour over the last hours (default 24), by where they stand now")
    public List<HourlyOutcomes> hourly(@QueryParam("hours") @DefaultValue("24") int hours) {
        return beans.journeys().perHour(hours);
    }
}

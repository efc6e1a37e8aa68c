package io.usagebridge.app.api;

import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.usagebridge.app.security.ConsoleRoles;
import io.usagebridge.reconcile.ReconciliationCsv;

/** The daily reconciliation per target (files, rows sent, accepted, rejected, deliveries uncertain), JSON or CSV. */
@Path("/api/reconciliation")
@Tag(name = "reconciliation")
public class ReconciliationResource {

    @Inject
    UsageBridgeBeans beans;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ConsoleRoles.VIEWER)
    @Operation(summary = "Today's reconciliation (UTC)")
    public ReconciliationView today() {
        return day(LocalDate.now(ZoneOffset.UTC).toString());
    }

    @GET
    @Path("/{day}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ConsoleRoles.VIEWER)
    @Operation(summary = "The reconciliation of the files received on a day (UTC, YYYY-MM-DD), per target")
    public ReconciliationView day(@PathParam("day") String day) {
        LocalDate date = parse(day);
        return new ReconciliationView(date, beans.reconciliation().day(date));
    }

    @GET
    @Path("/{day}.csv")
    @Produces("text/csv")
    @RolesAllowed(ConsoleRoles.VIEWER)
    @Operation(summary = "The same reconciliation as a CSV file")
    public Response csv(@PathParam("day") String day) throws IOException {
        LocalDate date = parse(day);
        StringWriter csv = new StringWriter();
        ReconciliationCsv.write(date, beans.reconciliation().day(date), csv);
        return Response.ok(csv.toString(), "text/csv; charset=UTF-8").header("Content-Disposition",
                "attachment; filename=\"usagebridge-reconciliation-" + date + ".csv\"").build();
    }

    private static LocalDate parse(String day) {
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("day is a date, YYYY-MM-DD (UTC)");
        }
    }
}

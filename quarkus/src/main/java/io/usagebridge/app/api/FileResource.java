package io.usagebridge.app.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Context;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.usagebridge.app.security.ConsoleRoles;
import io.usagebridge.deadletter.ErrorSidecarWriter;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.Journeys;
import io.usagebridge.ledger.SourceRow;
import io.usagebridge.ledger.SourceSearch;
import io.usagebridge.ledger.SourceState;
import io.usagebridge.ledger.TargetStates;
import io.usagebridge.poll.ResultFiles;

/** Source files: found by state, target, time, name or hash; one file's journey; its error file; a replay. */
@jakarta.ws.rs.Path("/api/files")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "files")
public class FileResource {

    @Inject
    UsageBridgeBeans beans;

    @Inject
    MassActionStop massActions;

    @Inject
    FileReplay replays;

    @GET
    @RolesAllowed(ConsoleRoles.VIEWER)
    @Operation(summary = "Source files, newest first", description = "state: RECEIVED, PENDING, UNCERTAIN, DONE, "
            + "DONE_WITH_REJECTS, FAILED, DUPLICATE; from/to: an instant or a day (received at); name: part of it; hash: the start of "
            + "its SHA-256 or MD5")
    public List<FileView> files(@QueryParam("state") String state, @QueryParam("target") String target,
                                @QueryParam("from") String from, @QueryParam("to") String to,
                                @QueryParam("name") String name, @QueryParam("hash") String hash,
                                @QueryParam("limit") @DefaultValue("100") int limit) {
        Journeys journeys = beans.journeys();
        List<SourceRow> sources = journeys.find(new SourceSearch(state(state), blankToNull(target),
                ApiTimes.parse("from", from), ApiTimes.parse("to", to), name, hash, limit));
        List<Long> ids = sources.stream().map(SourceRow::id).toList();
        Map<Long, List<TargetStates>> targets = journeys.targetStates(ids);
        Map<Long, Long> later = journeys.laterIntakes(ids);
        return sources.stream().map(s -> FileView.of(s, targets.get(s.id()), later.get(s.id()))).toList();
    }

    @GET
    @jakarta.ws.rs.Path("/{id}")
    @RolesAllowed(ConsoleRoles.VIEWER)
    @Operation(summary = "One file's journey: its deliveries, their attempts, what operators did")
    public Response journey(@PathParam("id") long id) {
        Journeys journeys = beans.journeys();
        Optional<SourceRow> found = journeys.source(id);
        if (found.isEmpty()) {
            return ApiProblem.notFound("no file " + id + " in the ledger");
        }
        SourceRow source = found.get();
        List<DeliveryRow> deliveries = journeys.deliveriesOf(id);
        List<DeliveryView> views = deliveries.stream().map(d -> DeliveryView.of(d, beans.catalog().typeName(
                        d.target()), ResultFiles.find(source, d).isPresent() ? "/api/deliveries/" + d.id() + "/result"
                        : null, massActions.stoppable(d), journeys.attemptsOf(d.id()).stream().map(AttemptView::of).toList()))
                .toList();
        FileView file = FileView.of(source, journeys.targetStates(List.of(id)).get(id),
                journeys.laterIntakes(List.of(id)).get(id));
        return Response.ok(new JourneyView(file, source.origin(), source.keptAt(),
                errorFile(source).isPresent() ? "/api/files/" + id + "/error" : null,
                rejectedRowsFile(source).isPresent() ? "/api/files/" + id + "/rejected" : null,
                replays.replayable(source), views,
                journeys.actionsOnSource(id))).build();
    }

    @GET
    @jakarta.ws.rs.Path("/{id}/error")
    @RolesAllowed(ConsoleRoles.VIEWER)
    @Operation(summary = "The file's <file>.error.json, as kept beside its original")
    public Response errorJson(@PathParam("id") long id) {
        Optional<Path> sidecar = beans.journeys().source(id).flatMap(FileResource::errorFile);
        return sidecar.map(p -> Downloads.attachment(p, MediaType.APPLICATION_JSON))
                .orElseGet(() -> ApiProblem.notFound("file " + id + " has no error file"));
    }

    @GET
    @jakarta.ws.rs.Path("/{id}/rejected")
    @RolesAllowed(ConsoleRoles.VIEWER)
    @Operation(summary = "The file's <file>.rejected.csv: the rows its targets refused, as in the source, with the "
            + "reason; fixed and dropped into the inbox it sends only them")
    public Response rejectedRows(@PathParam("id") long id) {
        Optional<Path> rows = beans.journeys().source(id).flatMap(FileResource::rejectedRowsFile);
        return rows.map(p -> Downloads.attachment(p, "text/csv"))
                .orElseGet(() -> ApiProblem.notFound("file " + id + " has no rejected-rows file"));
    }

    private static Optional<Path> rejectedRowsFile(SourceRow source) {
        return Optional.ofNullable(source.rejectedPath()).map(Path::of).filter(Files::isRegularFile);
    }

    @POST
    @jakarta.ws.rs.Path("/{id}/replay")
    @RolesAllowed(ConsoleRoles.OPERATOR)
    @Operation(summary = "Replay a failed file: its original goes back into its inbox; only deliveries not "
            + "accepted are sent again")
    public Response replay(@PathParam("id") long id, @Context SecurityContext security) {
        return replays.replay(id, security.getUserPrincipal().getName());
    }

    static Optional<Path> errorFile(SourceRow source) {
        if (source.sidecarDir() == null || source.keptAt() == null) {
            return Optional.empty();
        }
        Path sidecar = ErrorSidecarWriter.sidecarOf(Path.of(source.sidecarDir()), source.name(), source.keptAt());
        return Files.isRegularFile(sidecar) ? Optional.of(sidecar) : Optional.empty();
    }

    private static SourceState state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return SourceState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state is one of " + List.of(SourceState.values()) + ", not " + state);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

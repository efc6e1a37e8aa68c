package io.usagebridge.app.api;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import io.usagebridge.ledger.SourceRow;
import io.usagebridge.ledger.SourceState;

/**
 * A replay asked for by an operator: the failed file's original goes back into its inbox (as README's replay by
 * hand), and the intake takes it as a file seen before, sending only the deliveries not accepted. Recorded with who.
 */
@ApplicationScoped
public class FileReplay {

    @Inject
    UsageBridgeBeans beans;

    public Response replay(long id, String user) {
        Optional<SourceRow> found = beans.journeys().source(id);
        if (found.isEmpty()) {
            return ApiProblem.notFound("no file " + id + " in the ledger");
        }
        SourceRow source = found.get();
        if (!replayable(source)) {
            return ApiProblem.conflict("NOT_REPLAYABLE", notReplayable(source));
        }
        try {
            String movedTo = beans.mover().moveBackToInbox(source);
            beans.actions().record("replay", null, id, user, "original moved back to " + movedTo);
            return Response.ok(Map.of("file", id, "movedTo", movedTo, "message", source.name() + " is back in its "
                    + "inbox: its deliveries not accepted are sent again within a poll")).build();
        } catch (IOException e) {
            return ApiProblem.conflict("REPLAY_FAILED", "the original of " + source.name() + " could not be moved "
                    + "back: " + e.getMessage());
        }
    }

    /**
     * Failed, with its original where the ledger keeps it. A replayed file is a new intake (a new row): the failed
     * row stays FAILED, but its original has moved on, and a second replay of it could only fail.
     */
    boolean replayable(SourceRow source) {
        return source.state() == SourceState.FAILED && source.moved() && source.keptAt() != null
                && beans.mover().reachable(source);
    }

    private static String notReplayable(SourceRow source) {
        return switch (source.state()) {
            case UNCERTAIN -> source.name() + " waits for an uncertain delivery to be resolved (delivered or resend)"
                    + ": a replay could send it twice";
            case DONE -> source.name() + " is DONE: every delivery was accepted";
            case DONE_WITH_REJECTS -> source.name() + " was delivered; the rows a target refused are in its "
                    + "rejected-rows file: fix them there and drop that file into the inbox";
            case DUPLICATE -> source.name() + " was a duplicate of file " + source.duplicateOf();
            case FAILED -> source.keptAt() == null ? "the original of " + source.name() + " is not kept"
                    : "the original of " + source.name() + " is not (or no longer) at " + source.keptAt()
                    + ": a replay took it already, or it was moved by hand";
            default -> source.name() + " is still being worked on (" + source.state() + ")";
        };
    }
}

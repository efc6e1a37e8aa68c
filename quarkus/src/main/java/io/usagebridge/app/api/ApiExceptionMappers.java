package io.usagebridge.app.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.usagebridge.ledger.IllegalTransitionException;
import io.usagebridge.ledger.LedgerUnavailableException;

/** Failures every endpoint shares, answered as {@link ApiProblem}s rather than stack traces. */
public class ApiExceptionMappers {

    @ServerExceptionMapper
    public Response notStarted(UsageBridgeBeans.NotStartedException e) {
        return ApiProblem.response(Response.Status.SERVICE_UNAVAILABLE, "NOT_STARTED", e.getMessage());
    }

    @ServerExceptionMapper
    public Response ledgerDown(LedgerUnavailableException e) {
        return ApiProblem.response(Response.Status.SERVICE_UNAVAILABLE, "LEDGER_UNAVAILABLE", e.getMessage());
    }

    @ServerExceptionMapper
    public Response illegalTransition(IllegalTransitionException e) {
        return ApiProblem.conflict("NOT_ALLOWED_NOW", e.getMessage());
    }

    @ServerExceptionMapper
    public Response badArgument(IllegalArgumentException e) {
        return ApiProblem.badRequest(e.getMessage());
    }
}

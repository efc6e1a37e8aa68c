package io.usagebridge.app.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Why the API refused a request: a stable code and a message for a person, the same shape for every endpoint.
 *
 * @param error   e.g. NOT_FOUND, NOT_UNCERTAIN, NOT_REPLAYABLE, BAD_REQUEST
 * @param message what is wrong and what to do
 */
public record ApiProblem(String error, String message) {

    static Response response(Response.Status status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiProblem(error, message)).build();
    }

    static Response notFound(String message) {
        return response(Response.Status.NOT_FOUND, "NOT_FOUND", message);
    }

    static Response badRequest(String message) {
        return response(Response.Status.BAD_REQUEST, "BAD_REQUEST", message);
    }

    static Response conflict(String error, String message) {
        return response(Response.Status.CONFLICT, error, message);
    }
}

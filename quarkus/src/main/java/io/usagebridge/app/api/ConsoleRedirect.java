package io.usagebridge.app.api;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

/** The app's address opens the console. */
@Path("/")
public class ConsoleRedirect {

    @GET
    @Operation(hidden = true)
    public Response console() {
        return Response.seeOther(URI.create("/console/")).build();
    }
}

package io.usagebridge.app.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.IllegalTransitionException;
import io.usagebridge.ledger.Ledger;
import io.usagebridge.ledger.Resolutions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The deliveries an operator must decide on: {@code GET /api/deliveries/uncertain} lists them,
 * {@code POST /api/deliveries/{id}/resolve} records a resolution (delivered: closed without a send, the original
 * goes to done/; resend: a deliberate second send). The running app moves the original within a second.
 */
@Path("/api/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    @Inject
    CamelContext context;

    @Inject
    HttpServerRequest request;

    @ConfigProperty(name = "usagebridge.api.operator-token")
    Optional<String> operatorToken;

    @GET
    @Path("/uncertain")
    public List<UncertainDeliveryView> uncertain() {
        Ledger ledger = bean("ledger", Ledger.class);
        return bean("resolutions", Resolutions.class).uncertain().stream()
                .map(d -> UncertainDeliveryView.of(d, ledger.sources().source(d.sourceId()).orElse(null))).toList();
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response resolve(@PathParam("id") long id, ResolveRequest resolve,
                            @HeaderParam("Authorization") String authorization) {
        String remote = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        if (!new OperatorAccess(operatorToken.map(t -> context.resolvePropertyPlaceholders(t)))
                .allowed(remote, authorization)) {
            return Response.status(Response.Status.FORBIDDEN).entity(Map.of("error", "resolving needs the operator "
                    + "token (usagebridge.api.operator-token) or a call from this machine")).build();
        }
        if (resolve == null || resolve.as() == null || resolve.by() == null || resolve.by().isBlank()) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", "give as (delivered | "
                    + "resend) and by (who decides)")).build();
        }
        Resolutions.Resolution resolution = switch (resolve.as().toLowerCase(Locale.ROOT)) {
            case "delivered" -> Resolutions.Resolution.DELIVERED;
            case "resend" -> Resolutions.Resolution.RESEND;
            default -> null;
        };
        if (resolution == null) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", "as is delivered or resend, "
                    + "not " + resolve.as())).build();
        }
        try {
            DeliveryRow row = bean("resolutions", Resolutions.class).resolve(id, resolution, resolve.by(),
                    resolve.note());
            return Response.ok(Map.of("delivery", row.id(), "state", row.state().name(), "resolution",
                    row.resolution(), "resolvedBy", row.resolvedBy())).build();
        } catch (IllegalTransitionException e) {
            return Response.status(Response.Status.CONFLICT).entity(Map.of("error", e.getMessage())).build();
        }
    }

    private <T> T bean(String name, Class<T> type) {
        T bean = context.getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("UsageBridge is not started yet");
        }
        return bean;
    }
}

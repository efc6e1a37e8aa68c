package io.usagebridge.targets.zuora.rest;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.model.TryDefinition;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.route.ErrorHandlingConfiguration;
import io.usagebridge.route.SendPipeline;
import io.usagebridge.security.TargetTrust;
import io.usagebridge.security.UrlAllowList;
import io.usagebridge.http.CappedReplyClient;

/**
 * Zuora REST targets. One route template per kind ({@code zuora-rest-bulk}, {@code zuora-rest-usage}), made into a
 * target by a templatedRoute in routes/; shared routes for the call itself and for following a job's status.
 * Every Zuora call goes through {@code direct:zuora-call}, which has no error handler of its own: a failure returns
 * to the caller's step, so a retry repeats the whole call, with fresh headers and, after a 401, a fresh token.
 */
public class ZuoraRestRoutes extends RouteBuilder {

    private final ZuoraConnections connections = new ZuoraConnections();

    @Override
    public void configure() {
        getContext().getRegistry().bind("zuoraConnections", connections);

        for (ZuoraRestKind kind : ZuoraRestKind.values()) {
            var template = routeTemplate(kind.type())
                    .templateParameter("target", null, "target id; names the route, the ledger rows and target.<id>.* keys")
                    .templateParameter("baseUrl", null, "Zuora REST base URL, e.g. https://rest.zuora.com")
                    .templateParameter("clientId", null, "OAuth client id")
                    .templateParameter("clientSecret", null, "OAuth client secret: a reference such as {{env:NAME}}")
                    .templateParameter("entityIds", "", "Zuora-Entity-Ids, when the token spans entities")
                    .templateParameter("orgIds", "", "Zuora-Org-Ids, with Multi-Org")
                    .templateParameter("actionType", "", "the mass action (zuora-rest-bulk only)");
            // the route names this bean, so it is made with the route: the target's connection is registered then
            template.templateBean("zuoraUpload", ZuoraUploadRequest.class,
                    (RouteTemplateContext rtc) -> connections.register(connection(rtc, kind)).upload());
            // sends one claimed chunk (from the core's deliver route, or a parked retry) and schedules its status check
            SendPipeline.of(template)
                    .prepare("{{zuoraUpload}}")
                    .send("direct:zuora-call")
                    .then((Processor) e -> connections.of(e).submitReader().process(e),
                            SendPipeline.FOLLOW_REMOTE_JOB);

            from("direct:poll-" + kind.type()).routeId("poll-" + kind.type())
                    .routeConfigurationId(ErrorHandlingConfiguration.POLL_ERRORS)
                    .process(e -> connections.of(e).statusRequest().process(e))
                    .to("direct:zuora-call")
                    .process(e -> connections.of(e).statusReader().process(e))
                    .filter(exchangeProperty(ExchangeKeys.RESULT_URL).isNotNull())
                        .setProperty(ExchangeKeys.REQUEST_URI, exchangeProperty(ExchangeKeys.RESULT_URL))
                        .setProperty(ExchangeKeys.REQUEST_METHOD, constant("GET"))
                        .setProperty(CALL_PURPOSE, constant("the outputURL Zuora answered"))
                        .to("direct:zuora-download")
                        .process("resultFileSaver")
                    .end()
                    .process("pollOutcomeRecorder");
        }

        // stops a running mass action (PUT /v1/bulk/{bulkKey}/stop); its status checks then report Stopped
        from("direct:stop-zuora-bulk").routeId("stop-zuora-bulk")
                .process(e -> {
                    ZuoraConnection zuora = connections.of(e);
                    e.setProperty(ExchangeKeys.REQUEST_URI, zuora.baseUrl() + "/v1/bulk/"
                            + e.getProperty(ExchangeKeys.REMOTE_ID, String.class) + "/stop");
                    e.setProperty(ExchangeKeys.REQUEST_METHOD, "PUT");
                    e.getMessage().setBody(null);
                })
                .to("direct:zuora-call")
                .log("Zuora bulk job ${exchangeProperty.UsageBridgeRemoteId} of ${exchangeProperty.UsageBridgeTarget}: "
                        + "stop requested");

        // answers are read from the connection, at most http.max-reply-bytes
        call("zuora-call", CappedReplyClient.STREAMED);
        // a result file streams to disk (resultFileSaver caps it): camel-http must not buffer it in memory first
        call("zuora-download", CappedReplyClient.RESULT_FILE_DOWNLOAD);
    }

    private void call(String id, String options) {
        TryDefinition call = from("direct:" + id).routeId(id)
                .errorHandler(noErrorHandler())
                .process(e -> connections.of(e).headers().process(e))
                .doTry();
        // the target's own endpoint, with its trust (target.<id>.trust-store)
        TargetTrust.send(call, "http://zuora-api?connectTimeout={{zuora.connect-timeout-ms:10000}}"
                + "&responseTimeout={{zuora.response-timeout-ms:120000}}" + options);
        call.doCatch(HttpOperationFailedException.class)
                    .process(e -> {
                        HttpOperationFailedException http = e.getProperty(Exchange.EXCEPTION_CAUGHT,
                                HttpOperationFailedException.class);
                        if (http.getStatusCode() == 401 && !e.getProperty(TOKEN_REFRESHED, false, Boolean.class)) {
                            // a token Zuora no longer takes: fetch a new one and let the error handler repeat once
                            connections.of(e).tokens().invalidate();
                            e.setProperty(TOKEN_REFRESHED, true);
                            throw new UsageBridgeFailure(ZuoraRestFailureCode.ZUORA_AUTH_FAILED,
                                    "Zuora refused the token; "
                                    + "retrying once with a new one", http.getResponseBody(), true, null, http);
                        }
                    })
                    .process("zuoraErrorMapper")
                .end();
    }

    /** What the next call's address is, named in a refusal by the allow-list (it may come from Zuora's answer). */
    static final String CALL_PURPOSE = "UsageBridgeZuoraCallPurpose";

    /** Set once a 401 made us fetch a new token, so a second 401 is final. */
    static final String TOKEN_REFRESHED = "UsageBridgeZuoraTokenRefreshed";

    private static ZuoraConnection connection(RouteTemplateContext rtc, ZuoraRestKind kind) {
        String target = parameter(rtc, "target");
        String baseUrl = parameter(rtc, "baseUrl").replaceAll("/+$", "");
        ZuoraTokenCache tokens = new ZuoraTokenCache(baseUrl, TargetTrust.option(target), parameter(rtc, "clientId"),
                parameter(rtc, "clientSecret"), Clock.systemUTC());
        ZuoraRequestHeaders headers = new ZuoraRequestHeaders(tokens, UrlAllowList.of(target, baseUrl,
                UsageBridgeSettings.of(rtc.getCamelContext()), ZuoraRestTarget.DEFAULT_ALLOWED_HOSTS),
                parameter(rtc, "entityIds"), parameter(rtc, "orgIds"));
        return new ZuoraConnection(target, kind, baseUrl, tokens, headers,
                new ZuoraUploadRequest(kind, baseUrl, parameter(rtc, "actionType"), headers),
                new ZuoraSubmitReader(kind), new ZuoraStatusRequest(kind, baseUrl), new ZuoraStatusReader(kind));
    }

    private static String parameter(RouteTemplateContext rtc, String name) {
        String raw = rtc.getProperty(name, String.class);
        return raw == null ? null : rtc.getCamelContext().resolvePropertyPlaceholders(raw);
    }
}

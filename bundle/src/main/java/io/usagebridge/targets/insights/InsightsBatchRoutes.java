package io.usagebridge.targets.insights;

import java.time.Clock;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.model.TryDefinition;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.plugin.TargetCatalog;
import io.usagebridge.route.ErrorHandlingConfiguration;
import io.usagebridge.route.SendPipeline;
import io.usagebridge.http.CappedReplyClient;
import io.usagebridge.security.TargetTrust;

/**
 * The {@code insights-batch} route template, made into a target by a templatedRoute in routes/, and the shared
 * upload route. A target's route takes one batch folder (from routes/intake-insights.camel.yaml): claim it (its
 * batchDate is chosen and stored), receive and check every record type's file, and only when all pass, send each
 * as a delivery of its own. Each send is {@code direct:insights-upload}, which has no error handler: a failure
 * returns to the send step, so a retry repeats both calls and an expired signed URL is replaced by a new one, asked
 * with the same batchDate.
 */
public class InsightsBatchRoutes extends RouteBuilder {

    @Override
    public void configure() {
        InsightsConnections connections = new InsightsConnections();
        getContext().getRegistry().bind("insightsConnections", connections);

        routeTemplate(InsightsBatchTarget.TYPE)
                .templateParameter("target", null, "target id; names the route, the ledger rows and target.<id>.* keys")
                .templateParameter("url", null, "the Batch API's upload-URL endpoint, e.g. "
                        + "https://nw1.files.insights.zuora.com/api/files/upload")
                .templateParameter("apiToken", null, "the API token: a reference such as {{env:NAME}}, never the value")
                // the route names this bean, so it is made with the route: the target's connection is registered then
                .templateBean("insightsConnection", InsightsConnection.class,
                        (RouteTemplateContext rtc) -> connections.register(connection(rtc)))
                .from("direct:deliver-{{target}}")
                .routeConfigurationId(ErrorHandlingConfiguration.ID)
                .setProperty(ExchangeKeys.STAGE, constant("claim"))
                .process("{{insightsConnection}}")
                .process("insightsBatchClaimer")
                .filter(exchangeProperty(InsightsKeys.BATCH_ID).isNotNull())
                    .split(body())
                        .process("insightsRecordIntake")
                        .process("insightsFileValidator")
                    .end()
                    .process("insightsBatchGate")
                    .split(body())
                        .process("insightsDeliveryPreparer")
                        .setProperty(ExchangeKeys.STAGE, constant("claim"))
                        .process("deliveryPlanner")
                        .process("deliveryClaimer")
                        .process("insightsDeliveryLinker")
                        .filter(exchangeProperty(ExchangeKeys.CLAIMED))
                            .to("direct:" + InsightsBatchTarget.SEND_ROUTE)
                        .end()
                    .end()
                    // the round is over: sent, parked for a retry or refused; the batch stays CLAIMED, held by no one
                    .process(e -> e.getContext().getRegistry().lookupByNameAndType("insightsBatchLedger",
                            io.usagebridge.targets.insights.ledger.InsightsBatchLedger.class)
                            .release(e.getProperty(InsightsKeys.BATCH_ID, Long.class)))
                .end();

        // one record type of a claimed batch, in its round or as a parked retry (then its batch comes from the ledger)
        SendPipeline.of(from("direct:" + InsightsBatchTarget.SEND_ROUTE).routeId(InsightsBatchTarget.SEND_ROUTE))
                // the sign step: both calls told as data (a dry run's preview), from what the upload route sends
                .prepare("insightsSendContext", new InsightsPreparedUpload(connections))
                .send("direct:insights-upload")
                .then(SendPipeline.ACCEPT, (Processor) e -> faultPoints(e).reach(
                        io.usagebridge.fault.FaultPoints.INSIGHTS_BETWEEN_RECORD_TYPES,
                        e.getProperty(ExchangeKeys.SOURCE_NAME)));

        TryDefinition uploadUrl = from("direct:insights-upload").routeId("insights-upload")
                .errorHandler(noErrorHandler())
                .process(e -> connections.of(e).uploadUrlRequest(e))
                .doTry();
        // the target's own endpoint, with its trust (target.<id>.trust-store)
        TargetTrust.send(uploadUrl, "http://insights-upload-url?followRedirects=false"
                + "&connectTimeout={{insights.connect-timeout-ms:10000}}"
                + "&responseTimeout={{insights.response-timeout-ms:60000}}" + CappedReplyClient.STREAMED);
        TryDefinition put = uploadUrl
                .doCatch(HttpOperationFailedException.class)
                    .process(e -> errorMapper(e).uploadUrlFailure(e))
                .end()
                .process(e -> connections.of(e).signedUrl(e))
                .process(e -> connections.of(e).putRequest(e))
                .doTry();
        // redirects are not followed: the file goes to the checked host or nowhere
        TargetTrust.send(put, "http://insights-store?followRedirects=false"
                + "&connectTimeout={{insights.connect-timeout-ms:10000}}"
                + "&responseTimeout={{insights.upload-timeout-ms:900000}}" + CappedReplyClient.STREAMED);
        put.doCatch(HttpOperationFailedException.class)
                    .process(e -> errorMapper(e).storeFailure(e))
                .end()
                .process(e -> connections.of(e).stored(e));
    }

    private static io.usagebridge.fault.FaultPoints faultPoints(Exchange exchange) {
        return exchange.getContext().getRegistry().lookupByNameAndType("faultPoints",
                io.usagebridge.fault.FaultPoints.class);
    }

    private static InsightsErrorMapper errorMapper(Exchange exchange) {
        return exchange.getContext().getRegistry().lookupByNameAndType("insightsErrorMapper",
                InsightsErrorMapper.class);
    }

    private static InsightsConnection connection(RouteTemplateContext rtc) {
        String target = parameter(rtc, "target");
        CamelContext context = rtc.getCamelContext();
        Supplier<SignedUrlPolicy> policy = new Supplier<>() {
            private SignedUrlPolicy made;

            @Override
            public synchronized SignedUrlPolicy get() {
                if (made == null) {
                    TargetCatalog catalog = context.getRegistry().lookupByNameAndType("targetCatalog",
                            TargetCatalog.class);
                    made = SignedUrlPolicy.of(InsightsTargetSettings.read(catalog.target(target)), Clock.systemUTC());
                }
                return made;
            }
        };
        return new InsightsConnection(target, parameter(rtc, "url"), parameter(rtc, "apiToken"), policy);
    }

    /** A parameter's value with its {{placeholders}} (e.g. {{env:NAME}} for the token) resolved. */
    private static String parameter(RouteTemplateContext rtc, String name) {
        String raw = rtc.getProperty(name, String.class);
        return raw == null ? null : rtc.getCamelContext().resolvePropertyPlaceholders(raw);
    }
}

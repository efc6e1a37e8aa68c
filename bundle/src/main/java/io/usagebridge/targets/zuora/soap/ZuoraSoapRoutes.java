package io.usagebridge.targets.zuora.soap;

import org.apache.camel.RouteTemplateContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.http.base.HttpOperationFailedException;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.http.ReplyBodies;
import io.usagebridge.route.ErrorHandlingConfiguration;
import io.usagebridge.route.SendPipeline;
import io.usagebridge.security.TargetTrust;
import io.usagebridge.security.UrlAllowList;
import io.usagebridge.http.CappedReplyClient;

/**
 * The Zuora SOAP import target. One route template ({@code zuora-soap-import}), made into a target by a
 * templatedRoute in routes/, and shared routes for the SOAP call itself and for following an Import's status.
 * Every call goes through {@code direct:zuora-soap-call}, which has no error handler of its own: a failure
 * returns to the caller's step, so a retry repeats the whole call, with a fresh envelope and, after
 * INVALID_SESSION, a fresh session.
 *
 * <p>The call is CXF in PAYLOAD mode against the project's own small contract (wsdl/zuora-usage-import.wsdl),
 * with MTOM on: the request is a multipart/related package whose root part holds the envelope, and the import
 * file travels as its own binary MIME part that FileContent's {@code xop:Include} points at.
 */
public class ZuoraSoapRoutes extends RouteBuilder {

    /** The one CXF endpoint of every Zuora SOAP target; each call names its address (login URL or ServerUrl). */
    static final String CXF_ENDPOINT = "cxf://https://www.zuora.com/apps/services/a/45.0"
            + "?wsdlURL=classpath:wsdl/zuora-usage-import.wsdl"
            + "&serviceName={http://api.zuora.com/}ZuoraService&portName={http://api.zuora.com/}Soap"
            + "&dataFormat=PAYLOAD&mtomEnabled=true&skipFaultLogging=true"
            // the caller's thread waits for the answer, as with HTTP: an asynchronous call would let the timer
            // start the next status round (and the intake the next file) while this one is still out
            + "&synchronous=true"
            + "&cxfConfigurer=#zuoraSoapClientConfigurer";

    @Override
    public void configure() {
        UsageBridgeSettings settings = UsageBridgeSettings.of(getContext());
        ZuoraSoapConnections connections = new ZuoraSoapConnections();
        getContext().getRegistry().bind("zuoraSoapConnections", connections);
        getContext().getRegistry().bind("zuoraSoapClientConfigurer", new ZuoraSoapClientConfigurer(
                settings.getLong("zuora.connect-timeout-ms", 10_000),
                settings.getLong("zuora.response-timeout-ms", 120_000), ReplyBodies.maxReplyBytes(getContext())));
        ZuoraCreateReader createReader = new ZuoraCreateReader();
        ZuoraImportStatusReader statusReader = new ZuoraImportStatusReader();

        RouteTemplateDefinition template = routeTemplate(ZuoraSoapImportTarget.TYPE)
                .templateParameter("target", null, "target id; names the route, the ledger rows and target.<id>.* keys")
                .templateParameter("loginUrl", null, "Zuora's SOAP endpoint for login(), e.g. "
                        + "https://www.zuora.com/apps/services/a/45.0 (later calls go to the ServerUrl it answers)")
                .templateParameter("username", null, "the Zuora API user")
                .templateParameter("password", null, "its password: a reference such as {{env:NAME}} or "
                        + "{{secretfile:/path}}, never the value")
                // the route names this bean, so it is made with the route: the target's session is registered then
                .templateBean("zuoraImportRequest", ZuoraImportRequest.class, (RouteTemplateContext rtc) -> {
                    String target = parameter(rtc, "target");
                    String loginUrl = parameter(rtc, "loginUrl");
                    connections.register(ZuoraSoapConnection.of(target, loginUrl,
                            parameter(rtc, "username"), parameter(rtc, "password"),
                            UrlAllowList.of(target, loginUrl, UsageBridgeSettings.of(rtc.getCamelContext()),
                                    ZuoraSoapImportTarget.DEFAULT_ALLOWED_HOSTS)));
                    return new ZuoraImportRequest();
                });
        // sends one claimed import file (from the core's deliver route, or a parked retry)
        SendPipeline.of(template)
                // the Import's Name is what a lookup finds it by, should create()'s answer be lost
                .prepare("{{zuoraImportRequest}}", "sentNameRecorder")
                .send("direct:zuora-soap-call")
                .then(createReader, SendPipeline.FOLLOW_REMOTE_JOB);

        TryDefinition download = from("direct:poll-" + ZuoraSoapImportTarget.TYPE)
                .routeId("poll-" + ZuoraSoapImportTarget.TYPE)
                .routeConfigurationId(ErrorHandlingConfiguration.POLL_ERRORS)
                .process(e -> e.setProperty(ExchangeKeys.SOAP_REQUEST,
                        new ZuoraSoapRequest.QueryImport(e.getProperty(ExchangeKeys.REMOTE_ID, String.class))))
                .to("direct:zuora-soap-call")
                .process(statusReader)
                .filter(exchangeProperty(ExchangeKeys.RESULT_URL).isNotNull())
                    .process(e -> connections.of(e).download().process(e))
                    .doTry();
        // the result file streams to disk (resultFileSaver caps it): camel-http must not buffer it; the target's
        // own endpoint, with its trust (target.<id>.trust-store)
        TargetTrust.send(download, "http://zuora-soap-results?connectTimeout={{zuora.connect-timeout-ms:10000}}"
                + "&responseTimeout={{zuora.response-timeout-ms:120000}}" + CappedReplyClient.RESULT_FILE_DOWNLOAD);
        download.doCatch(HttpOperationFailedException.class)
                        .process(e -> connections.of(e).faults().downloadFailed(e))
                    .end()
                    .process("resultFileSaver")
                .end()
                .process("pollOutcomeRecorder");

        from("direct:zuora-soap-call").routeId("zuora-soap-call")
                .errorHandler(noErrorHandler())
                .process(e -> connections.of(e).calls().prepare(e))
                .doTry()
                    // each target's own trust (target.<id>.trust-store): one CXF client per target
                    .toD(CXF_ENDPOINT + "&" + TargetTrust.DYNAMIC_OPTION)
                .doCatch(Exception.class)
                    .process(e -> connections.of(e).faults().rethrow(e))
                .doFinally()
                    .process(ZuoraSoapCallBuilder::clear)
                .end();
    }

    private static String parameter(RouteTemplateContext rtc, String name) {
        String raw = rtc.getProperty(name, String.class);
        return raw == null ? null : rtc.getCamelContext().resolvePropertyPlaceholders(raw);
    }
}

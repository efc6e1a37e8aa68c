package io.usagebridge.targets.httpmultipart;

import org.apache.camel.Exchange;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.model.RouteTemplateDefinition;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.route.SendPipeline;
import io.usagebridge.http.CappedReplyClient;
import io.usagebridge.security.TargetTrust;

/**
 * The {@code http-multipart} route template: one route per configured receiver, made by a {@code templatedRoute} in
 * routes/. It sends one claimed chunk ({@code direct:send-<target>}, called by the core's deliver route and by parked
 * retries) and ends in one of four outcomes: a 2xx is accepted; a 4xx is rejected with the receiver's reason; a
 * 429, a 503 or no connection is retried later (after Retry-After when given); a 5xx or a lost answer after the body
 * was written is uncertain (no idempotency key: never resent on its own). The last two are the shared error
 * handling's, as for every target.
 */
public class HttpMultipartTargetTemplate extends RouteBuilder {

    @Override
    public void configure() {
        RouteTemplateDefinition template = routeTemplate(HttpMultipartTarget.TYPE)
                .templateParameter("target", null, "target id; names the route, the ledger rows and target.<id>.* keys")
                .templateParameter("url", null, "the receiver's upload URL: https, or http to this machine only")
                .templateParameter("token", "", "bearer token: a reference such as {{env:NAME}}, never the value; "
                        + "empty sends no Authorization header")
                .templateParameter("connectTimeout", "10000", "milliseconds to connect")
                .templateParameter("responseTimeout", "120000", "milliseconds to wait for the answer")
                // the wire settings (file-part-name, md5-field-name, form-fields, remote-id-field) are target.<id>.* keys
                .templateBean("httpMultipartRequest", HttpMultipartRequestBuilder.class,
                        rtc -> new HttpMultipartRequestBuilder(parameter(rtc, "url"), settings(rtc),
                                parameter(rtc, "token")))
                .templateBean("httpMultipartReply", HttpMultipartReplyReader.class,
                        rtc -> new HttpMultipartReplyReader(settings(rtc).remoteIdField(), parameter(rtc, "token")))
                .templateBean("httpMultipartRefusal", HttpMultipartRefusalReader.class,
                        rtc -> new HttpMultipartRefusalReader(parameter(rtc, "token")));
        SendPipeline.of(template)
                .prepare("{{httpMultipartRequest}}")
                .send(route -> route
                        // the address as configured: camel-http makes an endpoint with TLS settings https
                        .setHeader(Exchange.HTTP_URI, constant("{{url}}"))
                        .doTry()
                            // redirects are not followed: the token goes to the configured receiver only
                            .to("{{url}}?connectTimeout={{connectTimeout}}&responseTimeout={{responseTimeout}}"
                                    + "&throwExceptionOnFailure=true&followRedirects=false&" + TargetTrust.OPTION
                                    + CappedReplyClient.STREAMED)
                        .doCatch(HttpOperationFailedException.class).onWhen(HttpMultipartRefusalReader::isRefusal)
                            // rejected: the receiver read the upload and refused it
                            .process("{{httpMultipartRefusal}}")
                        .end())
                // accepted
                .then("{{httpMultipartReply}}", SendPipeline.ACCEPT);
    }

    /** The target's wire settings, read as at start (the URL's key checked with them). */
    private static HttpMultipartSettings settings(RouteTemplateContext rtc) {
        String target = parameter(rtc, "target");
        HttpMultipartSettings.checkUrl("the url parameter of target " + target, parameter(rtc, "url"));
        return HttpMultipartSettings.read(TargetConfig.read(target, UsageBridgeSettings.of(rtc.getCamelContext())));
    }

    /** A parameter's value with its {{placeholders}} (e.g. {{env:NAME}} for a secret) resolved. */
    private static String parameter(RouteTemplateContext rtc, String name) {
        String raw = rtc.getProperty(name, String.class);
        return raw == null ? null : rtc.getCamelContext().resolvePropertyPlaceholders(raw);
    }
}

package io.usagebridge.targets.twocheckout;

import java.util.Arrays;

import org.apache.camel.Exchange;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;

import io.usagebridge.route.SendPipeline;
import io.usagebridge.http.CappedReplyClient;
import io.usagebridge.security.TargetTrust;

/**
 * The {@code twocheckout-usage} route template: one route per configured 2Checkout target, made by a
 * {@code templatedRoute} in routes/. It sends one claimed chunk ({@code direct:send-<target>}, called by the core's
 * deliver route and by parked retries): sign, send, read the reply; it ends accepted, or its failure goes to the
 * shared error handling (retry later, uncertain, or rejected).
 */
public class TwoCheckoutTargetTemplate extends RouteBuilder {

    @Override
    public void configure() {
        RouteTemplateDefinition template = routeTemplate(TwoCheckoutUsageTarget.TYPE)
                .templateParameter("target", null, "target id; names the route, the ledger rows and target.<id>.* keys")
                .templateParameter("url", null, "the usage upload receiver URL")
                .templateParameter("merchant", null, "2Checkout merchant code")
                .templateParameter("secretKey", null, "secret key: a reference such as {{env:NAME}}, never the value")
                // the wire settings below: target.<id>.send-secret-key, signed-fields, file-part-name, extra-fields win
                .templateParameter("sendSecretKey", "true", "send secret_key as a request parameter (seed 003)")
                .templateParameter("signedFields", "merchant,secret_key,file_MD5", "fields the hash covers, in order")
                .templateParameter("filePartName", "file", "name of the multipart part holding the CSV")
                .templateParameter("extraFields", "", "more text fields, NAME=value;NAME2=value2")
                .templateParameter("connectTimeout", "10000", "milliseconds to connect")
                .templateParameter("responseTimeout", "120000", "milliseconds to wait for the answer")
                .templateBean("twoCheckoutRequest", TwoCheckoutRequestBuilder.class,
                        TwoCheckoutTargetTemplate::requestBuilder);
        SendPipeline.of(template)
                .prepare("{{twoCheckoutRequest}}")
                .send(route -> route
                        // the address as configured: camel-http makes an endpoint with TLS settings https
                        .setHeader(Exchange.HTTP_URI, constant("{{url}}"))
                        .to("{{url}}?connectTimeout={{connectTimeout}}&responseTimeout={{responseTimeout}}"
                                + "&throwExceptionOnFailure=true&" + TargetTrust.OPTION + CappedReplyClient.STREAMED))
                .then("twoCheckoutReplyReader", SendPipeline.ACCEPT);
    }

    private static Object requestBuilder(RouteTemplateContext rtc) {
        return new TwoCheckoutRequestBuilder(
                parameter(rtc, "url"),
                parameter(rtc, "merchant"),
                parameter(rtc, "secretKey"),
                Boolean.parseBoolean(setting(rtc, "send-secret-key", "sendSecretKey")),
                Arrays.stream(setting(rtc, "signed-fields", "signedFields").split(",")).map(String::trim).toList(),
                setting(rtc, "file-part-name", "filePartName"),
                TwoCheckoutRequestBuilder.parseFields(setting(rtc, "extra-fields", "extraFields")));
    }

    /**
     * A wire setting: {@code target.<id>.<key>} in the configuration when set there (documented with the target's
     * keys), else the template parameter (its default follows the seed).
     */
    private static String setting(RouteTemplateContext rtc, String key, String parameter) {
        String configured = rtc.getCamelContext().getPropertiesComponent()
                .resolveProperty("target." + parameter(rtc, "target") + "." + key).orElse(null);
        return configured != null ? configured.trim() : parameter(rtc, parameter);
    }

    /** A parameter's value with its {{placeholders}} (e.g. {{env:NAME}} for a secret) resolved. */
    private static String parameter(RouteTemplateContext rtc, String name) {
        String raw = rtc.getProperty(name, String.class);
        return raw == null ? null : rtc.getCamelContext().resolvePropertyPlaceholders(raw);
    }
}

package io.usagebridge.targets.twocheckout;

import java.util.Arrays;

import org.apache.camel.RouteTemplateContext;
import org.apache.camel.builder.RouteBuilder;

import io.usagebridge.ExchangeKeys;

/**
 * The {@code twocheckout-usage} route template: one route per configured 2Checkout target, made by a
 * {@code templatedRoute} in routes/. It sends one claimed chunk ({@code direct:send-<target>}, called by the core's
 * deliver route and by parked retries): sign, send, read the reply; it ends accepted, or its failure goes to the
 * shared error handling (retry later, uncertain, or rejected).
 */
public class TwoCheckoutTargetTemplate extends RouteBuilder {

    @Override
    public void configure() {
        routeTemplate(TwoCheckoutUsageTarget.TYPE)
                .templateParameter("target", null, "target id; names the route, the ledger rows and target.<id>.* keys")
                .templateParameter("url", null, "the usage upload receiver URL")
                .templateParameter("merchant", null, "2Checkout merchant code")
                .templateParameter("secretKey", null, "secret key: a reference such as {{env:NAME}}, never the value")
                .templateParameter("sendSecretKey", "true", "send secret_key as a request parameter, as the seed documents")
                .templateParameter("signedFields", "merchant,secret_key,file_MD5", "fields the hash covers, in order")
                .templateParameter("filePartName", "file", "name of the multipart part holding the CSV")
                .templateParameter("extraFields", "", "more text fields, NAME=value;NAME2=value2")
                .templateParameter("connectTimeout", "10000", "milliseconds to connect")
                .templateParameter("responseTimeout", "120000", "milliseconds to wait for the answer")
                .templateBean("twoCheckoutRequest", TwoCheckoutRequestBuilder.class, TwoCheckoutTargetTemplate::requestBuilder)
                .from("direct:send-{{target}}")
                .routeConfigurationId("usagebridge-errors")
                .setProperty(ExchangeKeys.STAGE, constant("sign"))
                .process("{{twoCheckoutRequest}}")
                .setProperty(ExchangeKeys.STAGE, constant("send"))
                .process("attemptStarter")
                .to("{{url}}?connectTimeout={{connectTimeout}}&responseTimeout={{responseTimeout}}"
                        + "&throwExceptionOnFailure=true")
                .process("twoCheckoutReplyReader")
                .process("deliveryAcceptor");
    }

    private static Object requestBuilder(RouteTemplateContext rtc) {
        return new TwoCheckoutRequestBuilder(
                parameter(rtc, "merchant"),
                parameter(rtc, "secretKey"),
                Boolean.parseBoolean(parameter(rtc, "sendSecretKey")),
                Arrays.stream(parameter(rtc, "signedFields").split(",")).map(String::trim).toList(),
                parameter(rtc, "filePartName"),
                TwoCheckoutRequestBuilder.parseFields(parameter(rtc, "extraFields")));
    }

    /** A parameter's value with its {{placeholders}} (e.g. {{env:NAME}} for a secret) resolved. */
    private static String parameter(RouteTemplateContext rtc, String name) {
        String raw = rtc.getProperty(name, String.class);
        return raw == null ? null : rtc.getCamelContext().resolvePropertyPlaceholders(raw);
    }
}

package io.usagebridge.e2e;

import java.util.Collection;
import java.util.Properties;

/**
 * The test configuration of a target of each type, as the suites that run every type in one app (TLS, secrets) set
 * it up: one place for the keys each type needs.
 */
final class TargetTypeSetups {

    private TargetTypeSetups() {
    }

    /** A Zuora SOAP Import target {@code zuora}, inbox sub-folder zuora/, polled quickly. */
    static void withZuoraSoap(Properties p, String loginUrl, String user, String password) {
        p.put("target.zuora.type", "zuora-soap-import");
        p.put("target.zuora.login-url", loginUrl);
        p.put("target.zuora.username", user);
        p.put("target.zuora.password", password);
        p.put("target.zuora.inbox-folder", "zuora");
        p.put("target.zuora.poll-initial-delay-ms", "100");
        p.put("target.zuora.poll-max-delay-ms", "200");
    }

    /** An Insights target {@code insights}, data source billing (account, subscription), its store on localhost. */
    static void withInsights(Properties p, String uploadUrl, String apiToken) {
        p.put("target.insights.type", "insights-batch");
        p.put("target.insights.url", uploadUrl);
        p.put("target.insights.api-token", apiToken);
        p.put("target.insights.data-sources", "billing");
        p.put("target.insights.data-source.billing.record-types", "account,subscription");
        p.put("target.insights.signed-url-hosts", "localhost:*");
        p.put("intake.insights.start-delay-ms", "100");
        p.put("intake.insights.read-lock-min-age-ms", "100");
    }

    /** An HTTP multipart target {@code billing-receiver}, inbox sub-folder billing-receiver/. */
    static void withHttpMultipart(Properties p, String url, String token) {
        p.put("target.billing-receiver.type", "http-multipart");
        p.put("target.billing-receiver.url", url);
        p.put("target.billing-receiver.token", token);
        p.put("target.billing-receiver.inbox-folder", "billing-receiver");
    }

    /** Each of {@code targets} trusts the certificates of {@code trustStore}. */
    static void withTrustStore(Properties p, Collection<String> targets, String trustStore, String password) {
        for (String target : targets) {
            p.put("target." + target + ".trust-store", trustStore);
            p.put("target." + target + ".trust-store-password", password);
        }
    }
}

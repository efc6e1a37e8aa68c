package io.usagebridge.targets.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.security.UrlAllowList;

/** A signed URL comes from the network: it is checked before a byte is sent to it. */
class SignedUrlPolicyTest {

    private static final Instant NOW = Instant.parse("2015-12-17T22:00:00Z");
    private static final String HOST = "zinsights-zin-prod-fileupload.s3-us-west-2.amazonaws.com";
    /** The seed's example, its Expires (1450393826) an hour after NOW. */
    private static final String SEED_URL = "https://" + HOST + "/3/31/29/2015/12/15/111200.000/42.0.txt.gz"
            + "?AWSAccessKeyId=Some_Key_123&Expires=1450393826&Signature=SomeUniqueString3w%3D";

    private final SignedUrlPolicy policy = policy(List.of(HOST, "*.files.example.com"), false, Duration.ofSeconds(60));

    @Test
    void seedsExampleUrlPasses() {
        assertEquals(SEED_URL, policy.check(SEED_URL).toString());
    }

    @Test
    void plainHttpIsRefusedUnlessAllowedForThisMachine() {
        assertEquals(InsightsFailureCode.INSIGHTS_SIGNED_URL_REFUSED,
                refused("http://" + HOST + "/object?Expires=1450393826").code());
        SignedUrlPolicy sandbox = policy(List.of("localhost:*", HOST), true, Duration.ZERO);
        sandbox.check("http://localhost:8095/object?Expires=1450393826");
        assertThrows(UsageBridgeFailure.class, () -> sandbox.check("http://" + HOST + "/object"),
                "plain http only on this machine");
    }

    @Test
    void hostOutsideTheAllowListIsRefusedAndNamed() {
        UsageBridgeFailure failure = refused("https://attacker.example.net/42.txt?Expires=1450393826&Signature=x");
        assertEquals(InsightsFailureCode.INSIGHTS_SIGNED_URL_REFUSED, failure.code());
        assertTrue(failure.getMessage().contains("attacker.example.net"), failure.getMessage());
        assertFalse(failure.getMessage().contains("Signature"), "the URL's credential is not repeated");
        assertFalse(failure.retryable());
        refused("https://" + HOST + ".attacker.net/42.txt");
        refused("https://evil" + HOST.substring(HOST.indexOf('.')) + "/42.txt");
    }

    @Test
    void userInfoCannotDisguiseTheHost() {
        UsageBridgeFailure failure = refused("https://" + HOST + "@attacker.example.net/42.txt");
        assertTrue(failure.getMessage().contains("user info"), failure.getMessage());
    }

    @Test
    void wildcardMatchesSubDomainsOnly() {
        policy.check("https://eu.files.example.com/object");
        policy.check("https://a.b.files.example.com:443/object");
        refused("https://files.example.com/object");
        refused("https://evilfiles.example.com/object");
    }

    @Test
    void expiredUrlIsRetryableAndAsksForANewOne() {
        UsageBridgeFailure past = assertThrows(UsageBridgeFailure.class, () -> policy.check("https://" + HOST
                + "/object?Expires=" + (NOW.getEpochSecond() - 1)));
        assertEquals(InsightsFailureCode.INSIGHTS_SIGNED_URL_EXPIRED, past.code());
        assertTrue(past.retryable());
        assertTrue(past.getMessage().contains("less than 0 ms"), past.getMessage());
    }

    @Test
    void shortLivedUrlIsUsedAtOnceTheMarginBeingATenthOfItsLife() {
        // valid 2 s: a fixed 60 s margin would refuse it for ever
        policy.check("https://" + HOST + "/object?Expires=" + (NOW.getEpochSecond() + 2));
        String issuedNow = "X-Amz-Date=20151217T220000Z&X-Amz-Expires=2";
        policy.check("https://" + HOST + "/object?X-Amz-Algorithm=AWS4-HMAC-SHA256&" + issuedNow);
    }

    @Test
    void urlNearTheEndOfALongLifeIsRefusedInsideTheConfiguredMargin() {
        // issued an hour ago for an hour and a half: 30 s left, inside the 60 s margin a long life allows
        String late = "X-Amz-Date=20151217T210000Z&X-Amz-Expires=" + (3600 + 30);
        UsageBridgeFailure failure = assertThrows(UsageBridgeFailure.class,
                () -> policy.check("https://" + HOST + "/object?" + late));
        assertEquals(InsightsFailureCode.INSIGHTS_SIGNED_URL_EXPIRED, failure.code());
        assertTrue(failure.getMessage().contains("less than 60000 ms"), failure.getMessage());
        // the same URL two minutes from its end is used
        policy.check("https://" + HOST + "/object?X-Amz-Date=20151217T210000Z&X-Amz-Expires=" + (3600 + 120));
    }

    @Test
    void portIsTheAllowListsOneOf443UnlessAnEntryNamesAnother() {
        UsageBridgeFailure failure = refused("https://" + HOST + ":8443/object");
        assertTrue(failure.getMessage().contains(HOST + ":8443"), failure.getMessage());
        assertTrue(failure.getMessage().contains("target.insights.signed-url-hosts"), "names its key: "
                + failure.getMessage());
        policy(List.of(HOST + ":8443"), false, Duration.ZERO).check("https://" + HOST + ":8443/object");
    }

    private static SignedUrlPolicy policy(List<String> hosts, boolean httpOnLocalhost, Duration margin) {
        return new SignedUrlPolicy(new UrlAllowList("insights", null, hosts, httpOnLocalhost,
                "target.insights.signed-url-hosts", "target.insights.signed-url-allow-http-localhost"), margin,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private UsageBridgeFailure refused(String url) {
        UsageBridgeFailure failure = assertThrows(UsageBridgeFailure.class, () -> policy.check(url));
        assertEquals(InsightsFailureCode.INSIGHTS_SIGNED_URL_REFUSED, failure.code(), failure.getMessage());
        return failure;
    }
}

package io.usagebridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

class UrlAllowListTest {

    private static final UrlAllowList ZUORA = new UrlAllowList("zuora", "https://www.zuora.com/apps/services/a/45.0",
            List.of("*.zuora.com"), false);

    @Test
    void theConfiguredHostAndDocumentedZuoraHostsOverHttpsAreAllowed() {
        assertTrue(ZUORA.allows("https://www.zuora.com/apps/services/a/45.0"));
        assertTrue(ZUORA.allows("https://na.zuora.com:443/apps/services/a/45.0"));
        assertTrue(ZUORA.allows("https://apisandbox.zuora.com/results/1.zip"));
    }

    @Test
    void plainHttpOnTheZuoraHostIsRefusedNamingTheHostNotTheUrl() {
        UsageBridgeFailure refused = assertThrows(UsageBridgeFailure.class,
                () -> ZUORA.check("http://www.zuora.com/results/1.zip?token=s3cr3t", "the result URL"));
        assertEquals(CoreFailureCode.URL_NOT_ALLOWED, refused.code());
        assertFalse(refused.retryable());
        assertTrue(refused.getMessage().contains("www.zuora.com"), refused.getMessage());
        assertTrue(refused.getMessage().contains("not https"), refused.getMessage());
        assertFalse(refused.getMessage().contains("s3cr3t"), refused.getMessage());
    }

    @Test
    void anotherHostAnotherPortUserInfoAndLookalikesAreRefused() {
        for (String url : List.of("https://evil.example.com/apps/services/a/45.0",
                "https://www.zuora.com:8443/apps/services/a/45.0",
                "https://www.zuora.com@evil.example.com/x",
                "https://zuora.com.evil.example.com/x",
                "https://evilzuora.com/x",
                "/v1/usage/1/status",
                "not a url at all",
                "")) {
            assertFalse(ZUORA.allows(url), url);
        }
    }

    @Test
    void anEntryWithAStarPortAllowsItsHostOnAnyPortAndAListWithoutConfiguredUrlOnlyItsHosts() {
        UrlAllowList store = new UrlAllowList("insights", null, List.of("store.example.com:*"), false,
                "target.insights.signed-url-hosts", "target.insights.signed-url-allow-http-localhost");
        assertTrue(store.allows("https://store.example.com:9443/object"));
        assertTrue(store.allows("https://store.example.com/object"));
        UsageBridgeFailure refused = assertThrows(UsageBridgeFailure.class,
                () -> store.check("https://other.example.com/object", "the signed URL"));
        assertTrue(refused.getMessage().contains("is not in target.insights.signed-url-hosts"), refused.getMessage());
    }

    @Test
    void plainHttpToThisMachineOnlyWhenAllowedAndOnlyOnTheConfiguredPort() {
        UrlAllowList sandbox = UrlAllowList.of("zuora", "http://localhost:8095/apps/services/a/45.0",
                settings(Map.of()), List.of("*.zuora.com"));
        assertTrue(sandbox.allows("http://localhost:8095/results/1.zip"));
        assertFalse(sandbox.allows("http://localhost:9999/results/1.zip"), "another port is another server");
        assertFalse(sandbox.allows("http://127.0.0.1:8095/results/1.zip"), "another host name");
        assertFalse(sandbox.allows("http://other.example.com:8095/results/1.zip"));

        UrlAllowList production = UrlAllowList.of("zuora", "https://rest.zuora.com",
                settings(Map.of()), List.of("*.zuora.com"));
        assertFalse(production.allows("http://localhost:443/x"), "not unless configured so");
        UrlAllowList refusing = UrlAllowList.of("zuora", "http://localhost:8095/x",
                settings(Map.of("target.zuora.allow-http-localhost", "false")), List.of());
        assertFalse(refusing.allows("http://localhost:8095/x"));
    }

    @Test
    void allowedHostsReplacesTheDefaultAndTakesPorts() {
        UrlAllowList list = UrlAllowList.of("zuora-usage", "https://rest.zuora.com",
                settings(Map.of("target.zuora-usage.allowed-hosts", "files.example.com:8443, *.cdn.example.net")),
                List.of("*.zuora.com"));
        assertTrue(list.allows("https://rest.zuora.com/v1/files/1"));
        assertTrue(list.allows("https://files.example.com:8443/1"));
        assertFalse(list.allows("https://files.example.com/1"));
        assertTrue(list.allows("https://a.cdn.example.net/1"));
        assertFalse(list.allows("https://rest.eu.zuora.com/v1/files/1"), "the default is replaced");
    }

    @Test
    void anUnusableConfiguredUrlAllowsOnlyListedHosts() {
        UrlAllowList list = UrlAllowList.of("zuora", "not a url", settings(Map.of()), List.of("*.zuora.com"));
        assertTrue(list.allows("https://www.zuora.com/x"));
        assertFalse(list.allows("http://localhost/x"));
    }

    private static UsageBridgeSettings settings(Map<String, String> values) {
        return new UsageBridgeSettings(key -> Optional.ofNullable(values.get(key)));
    }
}

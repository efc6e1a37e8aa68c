package io.usagebridge.targets.insights;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.security.UrlAllowList;

/**
 * Checks a signed upload URL before anything is sent to it. The URL comes from the network, so it must not be able
 * to send a customer's file elsewhere: scheme, user info, host and port are the target's {@link UrlAllowList}, the
 * same check as every URL from a Zuora answer, with {@code target.<id>.signed-url-hosts} as its list (and
 * {@code signed-url-allow-http-localhost} for the sandbox); a refusal keeps this target's code,
 * INSIGHTS_SIGNED_URL_REFUSED. Its own rule: the URL must not expire before the upload starts (redirects are not
 * followed: the upload route's). Messages name the host, never the URL: its query is a credential for an hour.
 */
public final class SignedUrlPolicy {

    private static final DateTimeFormatter SIGV4_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX")
            .withZone(ZoneOffset.UTC);
    private final UrlAllowList allowList;
    private final Duration expiryMargin;
    private final Clock clock;

    public SignedUrlPolicy(UrlAllowList allowList, Duration expiryMargin, Clock clock) {
        this.allowList = allowList;
        this.expiryMargin = expiryMargin;
        this.clock = clock;
    }

    public static SignedUrlPolicy of(InsightsTargetSettings settings, Clock clock) {
        String prefix = "target." + settings.target() + ".";
        // no configured URL: the upload-URL endpoint's host is not thereby a store
        UrlAllowList allowList = new UrlAllowList(settings.target(), null, settings.signedUrlHosts(),
                settings.allowHttpOnLocalhost(), prefix + "signed-url-hosts",
                prefix + "signed-url-allow-http-localhost");
        return new SignedUrlPolicy(allowList, settings.expiryMargin(), clock);
    }

    /**
     * @return the URL to PUT to
     * @throws UsageBridgeFailure INSIGHTS_SIGNED_URL_REFUSED (not sent, not retried) or INSIGHTS_SIGNED_URL_EXPIRED
     *                            (retryable: the retry asks for a new URL)
     */
    public URI check(String signedUrl) {
        URI uri;
        try {
            uri = allowList.check(signedUrl, "the signed URL");
        } catch (UsageBridgeFailure notAllowed) {
            throw refused(notAllowed.getMessage());
        }
        String host = host(uri.getRawAuthority());
        Validity validity = validity(uri.getRawQuery());
        if (validity != null) {
            // the store checks the expiry when the PUT starts, on its own clock: the margin covers the way there
            // and clock skew, but never more than a tenth of the URL's own life, so a URL valid 2 s is still used
            Duration tenth = validity.lifetime().isNegative() ? Duration.ZERO : validity.lifetime().dividedBy(10);
            Duration margin = tenth.compareTo(expiryMargin) < 0 ? tenth : expiryMargin;
            if (!clock.instant().plus(margin).isBefore(validity.expiresAt())) {
                throw new UsageBridgeFailure(InsightsFailureCode.INSIGHTS_SIGNED_URL_EXPIRED,
                        "the signed URL for host " + host + " expires at " + validity.expiresAt() + ", less than "
                        + margin.toMillis() + " ms from now (the smaller of target.<id>.signed-url-expiry-margin-ms "
                        + "and a tenth of the URL's life): asking for a new one", null, true, null, null);
            }
        }
        return uri;
    }

    /** The host of an authority (no user info), lower case, without port or a trailing dot: for messages. */
    static String host(String authority) {
        String host;
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            host = end < 0 ? authority : authority.substring(0, end + 1);
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon >= 0 && authority.substring(colon + 1).chars().allMatch(Character::isDigit)
                    ? authority.substring(0, colon) : authority;
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** When the URL stops working and how long it was given. */
    private record Validity(Instant expiresAt, Duration lifetime) {
    }

    /**
     * A SigV4 URL states its issue time and life (X-Amz-Date, X-Amz-Expires); a SigV2 URL only its end (Expires),
     * and since it is checked the moment it arrives its remaining life is taken as its life.
     */
    private Validity validity(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).trim());
                }
            }
        }
        try {
            if (query.containsKey("X-Amz-Date") && query.containsKey("X-Amz-Expires")) {
                Instant issued = SIGV4_DATE.parse(query.get("X-Amz-Date"), Instant::from);
                Duration life = Duration.ofSeconds(Long.parseLong(query.get("X-Amz-Expires")));
                return new Validity(issued.plus(life), life);
            }
            if (query.containsKey("Expires")) {
                Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(query.get("Expires")));
                return new Validity(expiresAt, Duration.between(clock.instant(), expiresAt));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            return null; // not ours to judge: the store refuses a URL it cannot read
        }
        return null;
    }

    private static UsageBridgeFailure refused(String message) {
        return new UsageBridgeFailure(InsightsFailureCode.INSIGHTS_SIGNED_URL_REFUSED, message);
    }
}

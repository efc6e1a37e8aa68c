package io.usagebridge.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * 2Checkout's request hash, computed the way the receiver does: each signed value written as
 * its UTF-8 byte length (decimal) followed by the value, all concatenated, then HMAC-MD5 with
 * the merchant's secret key, lower-case hex. Kept apart from the bundle's signer on purpose:
 * the simulator must not share the code it checks.
 */
public final class TwoCheckoutHmac {

    private TwoCheckoutHmac() {
    }

    /** The string that is HMAC'd: {@code AVANGATE} becomes {@code 8AVANGATE}. */
    public static String signedString(List<String> values) {
        StringBuilder signed = new StringBuilder();
        for (String value : values) {
            // the length is in bytes, not chars: PHP's strlen
            signed.append(value.getBytes(StandardCharsets.UTF_8).length).append(value);
        }
        return signed.toString();
    }

    /** HMAC-MD5 of {@link #signedString(List)} keyed with {@code secretKey}, lower-case hex. */
    public static String hash(String secretKey, List<String> values) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            return HexFormat.of().formatHex(mac.doFinal(signedString(values).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is in every JDK", e);
        }
    }
}

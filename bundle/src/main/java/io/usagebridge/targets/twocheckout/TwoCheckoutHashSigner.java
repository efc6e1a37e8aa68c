package io.usagebridge.targets.twocheckout;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * 2Checkout's request hash: each signed value written as its UTF-8 byte length then the value, all
 * concatenated, HMAC-MD5'd with the secret key, lower-case hex.
 */
public final class TwoCheckoutHashSigner {

    private TwoCheckoutHashSigner() {
    }

    /** The string that is signed, e.g. {@code 8AVANGATE192010-05-13 12:12:12}. */
    public static String signedString(List<String> values) {
        StringBuilder s = new StringBuilder();
        for (String value : values) {
            String v = value == null ? "" : value;
            s.append(v.getBytes(StandardCharsets.UTF_8).length).append(v);
        }
        return s.toString();
    }

    public static String hash(String secretKey, List<String> values) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            return HexFormat.of().formatHex(mac.doFinal(signedString(values).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is required by every JVM", e);
        }
    }
}

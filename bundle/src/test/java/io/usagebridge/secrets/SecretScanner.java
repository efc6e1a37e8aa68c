package io.usagebridge.secrets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Known secret values and every form in which one could leak: as written, URL-encoded (a form body), Base64 (a Basic
 * header, alone or as {@code value:} and {@code user:value}; standard and URL-safe, with and without padding) and hex
 * (a key printed as bytes, lower and upper case). {@link #scan} names each secret found in a text and the form.
 */
public final class SecretScanner {

    /** A secret found: which one, in which form, where, and the text around it. */
    public record Leak(String secret, String form, String where, String around) {
        @Override
        public String toString() {
            return secret + " (" + form + ") in " + where + ": ..." + around + "...";
        }
    }

    private final Map<String, Map<String, String>> formsBySecret = new LinkedHashMap<>();

    /** Adds a secret under a name for the report; {@code user} is the login it goes with, or null. */
    public SecretScanner add(String name, String value, String user) {
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("as written", value);
        forms.put("URL-encoded", URLEncoder.encode(value, StandardCharsets.UTF_8));
        for (String basis : user == null ? List.of(value, value + ":") : List.of(value, value + ":",
                user + ":" + value)) {
            byte[] bytes = basis.getBytes(StandardCharsets.UTF_8);
            String label = basis.equals(value) ? "" : " of '" + basis.replace(value, "<secret>") + "'";
            forms.put("Base64" + label, Base64.getEncoder().encodeToString(bytes));
            forms.put("Base64 unpadded" + label, Base64.getEncoder().withoutPadding().encodeToString(bytes));
            forms.put("Base64url" + label, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        String hex = HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
        forms.put("hex", hex);
        forms.put("HEX", hex.toUpperCase(Locale.ROOT));
        formsBySecret.put(name, forms);
        return this;
    }

    /** Every secret, in every form, found in {@code text}. */
    public List<Leak> scan(String where, String text) {
        List<Leak> leaks = new ArrayList<>();
        formsBySecret.forEach((name, forms) -> forms.forEach((form, encoded) -> {
            int at = text.indexOf(encoded);
            if (at >= 0) {
                String around = text.substring(Math.max(0, at - 60), Math.min(text.length(), at + encoded.length()
                        + 20)).replace('\n', ' ');
                leaks.add(new Leak(name, form, where, around));
            }
        }));
        return leaks;
    }

    public int secrets() {
        return formsBySecret.size();
    }
}

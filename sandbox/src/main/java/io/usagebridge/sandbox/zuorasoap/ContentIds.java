package io.usagebridge.sandbox.zuorasoap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The two spellings of a MIME part's Content-ID that MTOM uses: {@code <id@host>} in headers, {@code cid:} URLs. */
final class ContentIds {

    private ContentIds() {
    }

    /** {@code <id@host>} -> {@code id@host}: Content-ID and {@code start} carry angle brackets, cid: URLs do not. */
    static String stripAngleBrackets(String id) {
        if (id == null) {
            return null;
        }
        String trimmed = id.trim();
        if (trimmed.startsWith("<") && trimmed.endsWith(">")) {
            return trimmed.substring(1, trimmed.length() - 1).trim();
        }
        return trimmed;
    }

    /**
     * The Content-ID a {@code cid:} URL names: RFC 2392 URLs are %-encoded (CXF writes
     * {@code cid:uuid%40cxf.apache.org}); a {@code +} stays a plus, unlike form decoding.
     */
    static String ofCidUrl(String url) {
        String id = url.trim();
        if (id.regionMatches(true, 0, "cid:", 0, 4)) {
            id = id.substring(4);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(id.length());
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '%' && i + 2 < id.length()
                    && Character.digit(id.charAt(i + 1), 16) >= 0 && Character.digit(id.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(id, i + 1, i + 3, 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

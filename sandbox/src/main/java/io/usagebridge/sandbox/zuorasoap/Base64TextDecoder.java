package io.usagebridge.sandbox.zuorasoap;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;

/**
 * Decodes base64 text handed over in arbitrary chunks (as an XML parser reports the characters
 * of a long element) straight to an output stream, through one small buffer. Whitespace is
 * skipped, as {@code xs:base64Binary} allows; anything after padding is an error.
 */
final class Base64TextDecoder {

    // a multiple of 4, so every full buffer decodes on its own
    private static final int CHUNK = 16 * 1024;

    private final OutputStream out;
    private final byte[] pending = new byte[CHUNK];
    private final byte[] decoded = new byte[CHUNK / 4 * 3];
    private int count;
    private boolean padded;

    Base64TextDecoder(OutputStream out) {
        this.out = out;
    }

    void write(char[] text, int start, int length) throws IOException {
        for (int i = start; i < start + length; i++) {
            char c = text[i];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            if (padded && c != '=') {
                throw new IOException("base64 text continues after its padding");
            }
            if (c > 127) {
                throw new IOException("not a base64 character: " + c);
            }
            padded |= c == '=';
            pending[count++] = (byte) c;
            if (count == CHUNK) {
                flush();
            }
        }
    }

    /** Decodes what is left; the text may end without padding. */
    void finish() throws IOException {
        flush();
    }

    private void flush() throws IOException {
        if (count == 0) {
            return;
        }
        try {
            int n = Base64.getDecoder().decode(count == CHUNK ? pending : java.util.Arrays.copyOf(pending, count), decoded);
            out.write(decoded, 0, n);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid base64: " + e.getMessage(), e);
        }
        count = 0;
    }
}

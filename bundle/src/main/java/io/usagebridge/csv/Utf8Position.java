package io.usagebridge.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a file stops being UTF-8: the line and byte a user opens their editor at. Read only once a reader has failed
 * on the file, streaming (the file is never held whole).
 */
public record Utf8Position(long line, long byteOffset) {

    private static final int BUFFER = 64 * 1024;

    /** The first byte that is not UTF-8, or null when the whole file is. */
    public static Utf8Position firstInvalid(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(BUFFER);
        CharBuffer out = CharBuffer.allocate(BUFFER);
        long line = 1;
        long consumed = 0;
        try (InputStream stream = Files.newInputStream(file)) {
            boolean end = false;
            while (true) {
                int read = end ? -1 : stream.read(in.array(), in.position(), in.remaining());
                if (read < 0) {
                    end = true;
                } else {
                    in.position(in.position() + read);
                }
                in.flip();
                int before = in.position();
                CoderResult result = decoder.decode(in, out, end);
                consumed += in.position() - before;
                out.flip();
                while (out.hasRemaining()) {
                    if (out.get() == '\n') {
                        line++;
                    }
                }
                out.clear();
                if (result.isError()) {
                    return new Utf8Position(line, consumed);
                }
                in.compact();
                if (end && in.position() == 0) {
                    return null;
                }
            }
        }
    }

    /** "line 3 is not valid UTF-8 (byte 120)", for a failure's message. */
    public static String describe(Path file) {
        try {
            Utf8Position at = firstInvalid(file);
            return at == null ? "the file is not valid UTF-8"
                    : "line " + at.line() + " is not valid UTF-8 (byte " + at.byteOffset() + ")";
        } catch (IOException e) {
            return "the file is not valid UTF-8";
        }
    }
}

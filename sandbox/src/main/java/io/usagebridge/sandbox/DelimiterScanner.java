package io.usagebridge.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a stream through a fixed buffer, handing out the bytes that come before each
 * occurrence of a delimiter. Only the buffer is held in memory, whatever the stream's length.
 */
public final class DelimiterScanner {

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer;
    private int pos;
    private int limit;
    private boolean eof;

    public DelimiterScanner(InputStream in, byte[] delimiter, int bufferSize) {
        if (bufferSize < 2 * delimiter.length) {
            throw new IllegalArgumentException("buffer must hold at least two delimiters");
        }
        this.in = in;
        this.delimiter = delimiter.clone();
        this.buffer = new byte[bufferSize];
    }

    /**
     * Copies the bytes before the next delimiter to {@code out} ({@code null} discards them)
     * and consumes the delimiter.
     *
     * @return false when the stream ended before a delimiter (everything was copied)
     */
    public boolean copyUntilDelimiter(OutputStream out) throws IOException {
        while (true) {
            int found = indexOfDelimiter();
            if (found >= 0) {
                write(out, found - pos);
                pos = found + delimiter.length;
                return true;
            }
            // the last delimiter.length-1 bytes may be the start of a delimiter split across reads
            int safeEnd = eof ? limit : Math.max(pos, limit - (delimiter.length - 1));
            write(out, safeEnd - pos);
            if (eof) {
                return false;
            }
            fill();
        }
    }

    /**
     * Reads up to the next LF, dropping a CR before it; UTF-8 because browsers send
     * non-ASCII file names as raw UTF-8 in part headers.
     *
     * @return the line, or null when the stream has ended
     */
    public String readLine(int maxBytes) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            if (pos == limit) {
                if (eof) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                }
                fill();
                continue;
            }
            byte b = buffer[pos++];
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            if (line.size() >= maxBytes) {
                throw new IOException("header line longer than " + maxBytes + " bytes");
            }
            line.write(b);
        }
    }

    private int indexOfDelimiter() {
        int last = limit - delimiter.length;
        outer:
        for (int i = pos; i <= last; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buffer[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void write(OutputStream out, int length) throws IOException {
        if (out != null && length > 0) {
            out.write(buffer, pos, length);
        }
        pos += length;
    }

    private void fill() throws IOException {
        int remaining = limit - pos;
        System.arraycopy(buffer, pos, buffer, 0, remaining);
        pos = 0;
        limit = remaining;
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            eof = true;
        } else {
            limit += read;
        }
    }
}

package io.usagebridge.csv;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names UsageBridge derives from a source's own name (a chunk, a kept original with its id, a sidecar) must still fit
 * the file system: 255 bytes on Linux. A source named near that limit would otherwise be taken but never finished
 * ("File name too long" at its first derived name). A name that does not fit keeps its end (the part number, the
 * extension, {@code .error.json}) and as much of its start as fits, with a short hash of the whole between them, so
 * two long names never meet.
 */
public final class LocalFileNames {

    /** The most bytes of one file name on the file systems UsageBridge runs on. */
    public static final int MAX_BYTES = 255;
    private static final int HASH_CHARS = 8;

    private LocalFileNames() {
    }

    /** {@code start + end} if it fits, else the start cut (on a character) + "~" + hash + end. */
    public static String fit(String start, String end) {
        String whole = start + end;
        if (bytes(whole) <= MAX_BYTES) {
            return whole;
        }
        String marker = "~" + hash(whole);
        int room = MAX_BYTES - bytes(end) - bytes(marker);
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < start.length(); ) {
            int cp = start.codePointAt(i);
            String next = new String(Character.toChars(cp));
            if (bytes(kept.toString()) + bytes(next) > room) {
                break;
            }
            kept.append(next);
            i += Character.charCount(cp);
        }
        return kept + marker + end;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

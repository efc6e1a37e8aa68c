package io.usagebridge.targets.zuora;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names Zuora sees, one rule for every Zuora target (SOAP Import, REST usage, mass actions). The file part's
 * {@code name=} is kept under 50 characters: REST usage refuses names over 50, and the SOAP Import is held to "under
 * 50" (DESIGN.md), so one limit fits both. It is written as a MIME token, so it is derived: unsafe characters become
 * {@code _}, and a long name keeps
 * its part number and extension, cuts its stem and adds a short hash of the whole name, so two long names never
 * meet. The Import's {@code Name} keeps the source's own name, cut to Zuora's 100 characters.
 */
public final class ZuoraFileNames {

    /** Zuora refuses a file name of this many characters or more. */
    public static final int FILE_NAME_LIMIT = 50;
    /** The Import's Name holds at most this many characters. */
    public static final int IMPORT_NAME_LIMIT = 100;

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final Pattern SUFFIX = Pattern.compile("(\\.part-\\d+(-of-\\d+)?)?(\\.[A-Za-z0-9]{1,4})?$");
    private static final int HASH_CHARS = 8;

    private ZuoraFileNames() {
    }

    /** The attachment's file name: safe as a MIME token and under {@value #FILE_NAME_LIMIT} characters. */
    public static String mimeName(String fileName) {
        String safe = UNSAFE.matcher(fileName).replaceAll("_");
        if (safe.length() < FILE_NAME_LIMIT) {
            return safe;
        }
        Matcher suffix = SUFFIX.matcher(safe);
        String tail = suffix.find() ? suffix.group() : "";
        String stem = safe.substring(0, safe.length() - tail.length());
        int keep = FILE_NAME_LIMIT - 1 - tail.length() - HASH_CHARS - 1;
        if (keep < 1) {
            // an absurd extension or part suffix: keep only the hash and the real extension
            tail = suffix.group(3) == null ? "" : suffix.group(3);
            keep = 1;
        }
        return stem.substring(0, Math.min(keep, stem.length())) + "-" + hash(fileName) + tail;
    }

    /** The Import's Name: the source's file name, cut to 100 characters; a part of several says which. */
    public static String importName(String sourceName, int part, int parts) {
        String suffix = parts > 1 ? " (part " + part + " of " + parts + ")" : "";
        int room = IMPORT_NAME_LIMIT - suffix.length();
        return (sourceName.length() > room ? sourceName.substring(0, room) : sourceName) + suffix;
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

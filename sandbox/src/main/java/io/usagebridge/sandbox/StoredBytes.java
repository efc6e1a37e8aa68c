package io.usagebridge.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Bytes a simulator received and kept on disk, with the MD5 the targets check them by.
 *
 * @param file where they are
 * @param size how many
 * @param md5  their MD5, lower-case hex
 */
public record StoredBytes(Path file, long size, String md5) {

    /** Streams {@code in} to {@code file}, computing the MD5 on the way; on failure the file is deleted. */
    public static StoredBytes copy(InputStream in, Path file) throws IOException {
        MessageDigest md5 = newMd5();
        long size;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), md5)) {
            size = in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new StoredBytes(file, size, HexFormat.of().formatHex(md5.digest()));
    }

    public static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}

package io.usagebridge.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One large 2Checkout usage file of case a's rows ({@link UsageFileSet#appendRow}), written row by row, with the
 * chunks UsageBridge must send for it worked out beside it, independently of its code: the rows in 2Checkout's form,
 * a header on each chunk, a new chunk when the next row would pass the target's row or byte limit (the limits of
 * config/application.properties). Each chunk is a {@link UsageFile} whose wire MD5 the simulator must see once.
 */
record BigUsageFile(Path file, long bytes, long rows, String md5, List<UsageFile> chunks) {

    private static final byte[] HEADER = (UsageFileSet.HEADER + "\n").getBytes(StandardCharsets.UTF_8);

    static BigUsageFile write(Path file, long targetBytes, long maxChunkRows, long maxChunkBytes) throws IOException {
        Files.createDirectories(file.getParent());
        MessageDigest whole = newMd5();
        List<UsageFile> chunks = new ArrayList<>();
        StringBuilder source = new StringBuilder(128);
        StringBuilder wire = new StringBuilder(128);
        MessageDigest chunk = null;
        long chunkRows = 0;
        long chunkBytes = 0;
        long bytes = HEADER.length;
        long rows = 0;
        try (OutputStream out = new BufferedOutputStream(new DigestOutputStream(Files.newOutputStream(file), whole),
                1 << 16)) {
            out.write(HEADER);
            for (int row = 0; bytes < targetBytes; row++) {
                source.setLength(0);
                wire.setLength(0);
                UsageFileSet.appendRow(1, row, source, wire);
                byte[] sourceRow = source.toString().getBytes(StandardCharsets.UTF_8);
                byte[] wireRow = wire.toString().getBytes(StandardCharsets.UTF_8);
                if (chunk == null || chunkRows + 1 > maxChunkRows || chunkBytes + wireRow.length > maxChunkBytes) {
                    if (chunk != null) {
                        chunks.add(chunk(chunks.size() + 1, chunkBytes, chunk));
                    }
                    chunk = newMd5();
                    chunk.update(HEADER);
                    chunkRows = 0;
                    chunkBytes = HEADER.length;
                }
                chunk.update(wireRow);
                chunkRows++;
                chunkBytes += wireRow.length;
                out.write(sourceRow);
                bytes += sourceRow.length;
                rows++;
            }
            chunks.add(chunk(chunks.size() + 1, chunkBytes, chunk));
        }
        return new BigUsageFile(file, bytes, rows, HexFormat.of().formatHex(whole.digest()), List.copyOf(chunks));
    }

    /** The file as one upload, as the reference loop sends it. */
    UsageFile whole() {
        return new UsageFile(file.getFileName().toString(), bytes, md5, md5);
    }

    private static UsageFile chunk(int number, long bytes, MessageDigest md5) {
        String hex = HexFormat.of().formatHex(md5.digest());
        return new UsageFile("chunk " + number, bytes, hex, hex);
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is in every JDK", e);
        }
    }
}

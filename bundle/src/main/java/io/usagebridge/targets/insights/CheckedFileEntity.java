package io.usagebridge.targets.insights;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

import io.usagebridge.digest.ParallelMd5;

import io.usagebridge.failure.UsageBridgeFailure;

/**
 * A record file sent as it was checked: the PUT body is read from disk as it streams (a file is never held in
 * memory), its length the checked one, and its last bytes are held back until the MD5 of everything read equals the
 * checked MD5 and the file has no byte more. A file changed since its check (another writer in the inbox) fails
 * with INSIGHTS_FILE_CHANGED before the body is complete, so the store, which keeps only a whole body of the
 * announced length, keeps nothing. No Content-Type: the signed URL does not cover one.
 */
final class CheckedFileEntity extends AbstractHttpEntity {

    private static final int TAIL = 64 * 1024;

    private final Path file;
    private final long checkedBytes;
    private final String checkedMd5;

    CheckedFileEntity(Path file, long checkedBytes, String checkedMd5) {
        super((String) null, null, false);
        this.file = file;
        this.checkedBytes = checkedBytes;
        this.checkedMd5 = checkedMd5;
    }

    /** The file the body is read from, as it lies in the batch folder. */
    Path file() {
        return file;
    }

    @Override
    public long getContentLength() {
        return checkedBytes;
    }

    @Override
    public InputStream getContent() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public boolean isRepeatable() {
        return true; // read anew from disk each time, checked each time
    }

    @Override
    public boolean isStreaming() {
        return false;
    }

    /** MD5 runs beside the write ({@link ParallelMd5}): the PUT goes at the pace of the slower, not of both. */
    @Override
    public void writeTo(OutputStream out) throws IOException {
        long head = Math.max(0, checkedBytes - TAIL);
        try (InputStream in = Files.newInputStream(file); ParallelMd5 md5 = new ParallelMd5()) {
            long sent = 0;
            while (sent < head) {
                ParallelMd5.Chunk chunk = md5.next();
                int n = in.readNBytes(chunk.bytes(), 0, (int) Math.min(ParallelMd5.BUFFER, head - sent));
                if (n == 0) {
                    md5.unused(chunk);
                    throw changed("it is shorter than the " + checkedBytes + " bytes checked");
                }
                md5.hash(chunk, n);
                out.write(chunk.bytes(), 0, n);
                md5.release(chunk);
                sent += n;
            }
            // the tail waits until the whole file proved to be the one checked: a changed one is cut before its end
            ParallelMd5.Chunk tail = md5.next();
            int tailBytes = (int) (checkedBytes - head);
            int read = in.readNBytes(tail.bytes(), 0, tailBytes);
            if (read < tailBytes) {
                throw changed("it is shorter than the " + checkedBytes + " bytes checked");
            }
            if (in.read() != -1) {
                throw changed("it is longer than the " + checkedBytes + " bytes checked");
            }
            md5.hash(tail, tailBytes);
            String md5Sent = HexFormat.of().formatHex(md5.digest());
            if (!md5Sent.equalsIgnoreCase(checkedMd5)) {
                throw changed("its MD5 is " + md5Sent + ", the checked file's " + checkedMd5);
            }
            out.write(tail.bytes(), 0, tailBytes);
            out.flush();
        }
    }

    @Override
    public void close() {
        // nothing held open between writes
    }

    private UsageBridgeFailure changed(String how) {
        return new UsageBridgeFailure(InsightsFailureCode.INSIGHTS_FILE_CHANGED, file.getFileName() + " changed after "
                + "its check (" + how + "): the upload was cut before its end, nothing of it is stored");
    }
}

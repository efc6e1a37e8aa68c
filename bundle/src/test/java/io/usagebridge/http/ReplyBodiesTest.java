package io.usagebridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/** Answers are read up to their cap and no further; result files stream to disk up to theirs. */
class ReplyBodiesTest {

    @TempDir
    Path dir;

    @Test
    void answerAtTheCapIsRead() throws IOException {
        assertEquals("{\"ok\":1}", ReplyBodies.read(stream("{\"ok\":1}"), 8, "the answer"));
    }

    @Test
    void answerOneByteOverTheCapIsRefusedAndNotReadFurther() {
        EndlessStream endless = new EndlessStream();

        UsageBridgeFailure failure = assertThrows(UsageBridgeFailure.class,
                () -> ReplyBodies.read(endless, 1024, "Zuora's status answer"));

        assertEquals(CoreFailureCode.TARGET_REPLY_TOO_LARGE, failure.code());
        assertEquals("Zuora's status answer is longer than 1024 bytes (http.max-reply-bytes): it was not read "
                + "further", failure.getMessage());
        assertTrue(endless.read <= 1025 + 8192, "read " + endless.read + " bytes");
        assertTrue(endless.closed.get(), "the stream is closed");
    }

    @Test
    void resultFileWithinTheCapIsSavedWhole() throws IOException {
        Path file = dir.resolve("result.zip");

        assertEquals(5, ReplyBodies.save(stream("12345"), file, 5, "the result file"));
        assertEquals("12345", Files.readString(file));
    }

    @Test
    void resultFileOverTheCapIsRefusedAndThePartSavedDeleted() {
        Path file = dir.resolve("result.zip");
        EndlessStream endless = new EndlessStream();

        UsageBridgeFailure failure = assertThrows(UsageBridgeFailure.class,
                () -> ReplyBodies.save(endless, file, 300_000, "the target's result file"));

        assertEquals(CoreFailureCode.RESULT_FILE_TOO_LARGE, failure.code());
        assertTrue(failure.getMessage().contains("longer than 300000 bytes (http.max-result-bytes)"),
                failure.getMessage());
        assertFalse(Files.exists(file), "no partial result file is kept");
        assertTrue(endless.read <= 300_001, "read " + endless.read + " bytes");
        assertTrue(endless.closed.get());
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A reply body that never ends (a hostile or broken target), counting what was read. */
    private static final class EndlessStream extends InputStream {
        long read;
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public int read() {
            read++;
            return ' ';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) ' ');
            read += len;
            return len;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}

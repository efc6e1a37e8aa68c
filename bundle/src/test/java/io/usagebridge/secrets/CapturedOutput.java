package io.usagebridge.secrets;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Everything written to System.out and System.err while open (where slf4j-simple, the bundle tests' logging, writes),
 * still passed on to the real streams. slf4j-simple looks the stream up at every line, so a swap takes effect at once.
 */
public final class CapturedOutput implements AutoCloseable {

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    public static CapturedOutput start() {
        return new CapturedOutput();
    }

    private CapturedOutput() {
        System.setOut(new PrintStream(new Tee(out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err), true, StandardCharsets.UTF_8));
    }

    public synchronized String text() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setOut(out);
        System.setErr(err);
    }

    private final class Tee extends OutputStream {
        private final OutputStream passedOn;

        Tee(OutputStream passedOn) {
            this.passedOn = passedOn;
        }

        @Override
        public void write(int b) {
            synchronized (CapturedOutput.this) {
                captured.write(b);
            }
            try {
                passedOn.write(b);
            } catch (java.io.IOException ignored) {
                // the console is only a copy
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (CapturedOutput.this) {
                captured.write(b, off, len);
            }
            try {
                passedOn.write(b, off, len);
            } catch (java.io.IOException ignored) {
                // the console is only a copy
            }
        }
    }
}

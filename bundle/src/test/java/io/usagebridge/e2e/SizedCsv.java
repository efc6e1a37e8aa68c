package io.usagebridge.e2e;

import java.util.function.LongFunction;

/**
 * A generated CSV of exactly a given number of bytes: the header, then rows from {@code row} (ASCII, no line break;
 * its last value free text), the last row padded in its last value so the file ends on the byte. Written as the
 * targets shape it (LF, plain values), so the bytes sent are the bytes counted.
 */
final class SizedCsv {

    private SizedCsv() {
    }

    static BadInputBar.Content of(String header, LongFunction<String> row, long bytes) {
        return out -> {
            long written = header.length() + 1L;
            out.write(header);
            out.write('\n');
            long i = 0;
            String next = row.apply(i);
            // stop while a row still fits with room for the padded last one
            while (written + 2L * (next.length() + 1) <= bytes) {
                out.write(next);
                out.write('\n');
                written += next.length() + 1;
                next = row.apply(++i);
            }
            long pad = bytes - written - next.length() - 1;
            if (pad < 0) {
                throw new IllegalArgumentException(bytes + " bytes cannot end on a row of " + next.length());
            }
            out.write(next);
            out.write("x".repeat((int) pad));
            out.write('\n');
        };
    }

    /** Exactly {@code rows} data rows. */
    static BadInputBar.Content rows(String header, LongFunction<String> row, long rows) {
        return out -> {
            out.write(header);
            out.write('\n');
            for (long i = 0; i < rows; i++) {
                out.write(row.apply(i));
                out.write('\n');
            }
        };
    }
}

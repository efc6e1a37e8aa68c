package io.usagebridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes small 2Checkout usage files in the format of examples/inbox/usage-2026-11-01.csv (its three date forms: ISO
 * with Z, local with a space, a date alone; a quoted description with a comma; an empty one), each file's rows
 * distinct so no file is a duplicate of another. Dates are UTC (the sandbox target's source zone), and beside each
 * file the bytes UsageBridge will send for it are worked out here, independently of UsageBridge's code: the same
 * rows, dates rewritten as 2Checkout's {@code yyyy-MM-dd HH:mm:ss} at +02:00, LF line ends.
 */
public final class UsageFileSet {

    static final String HEADER = "UsageStart,UsageEnd,OptionCode,Description,SubscriptionRef";
    private static final DateTimeFormatter ISO_Z = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    /** 2Checkout's "GMT+2": a fixed offset from the UTC source times. */
    private static final int TWOCHECKOUT_HOURS_AHEAD = 2;

    private UsageFileSet() {
    }

    /**
     * {@code count} files of {@code rows} rows each, numbered from {@code first} (named {@code usage-bench-00001.csv}
     * and on), into {@code dir}; files of other numbers hold other rows.
     */
    public static List<UsageFile> write(Path dir, int first, int count, int rows) throws IOException {
        Files.createDirectories(dir);
        List<UsageFile> files = new ArrayList<>(count);
        for (int file = first; file < first + count; file++) {
            StringBuilder source = new StringBuilder(HEADER).append('\n');
            StringBuilder wire = new StringBuilder(HEADER).append('\n');
            for (int row = 0; row < rows; row++) {
                appendRow(file, row, source, wire);
            }
            String name = String.format("usage-bench-%05d.csv", file);
            byte[] bytes = source.toString().getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve(name), bytes);
            files.add(new UsageFile(name, bytes.length, md5(bytes),
                    md5(wire.toString().getBytes(StandardCharsets.UTF_8))));
        }
        return files;
    }

    /** One row in the source form and in the form UsageBridge sends; the kind of row turns with its number. */
    static void appendRow(int file, int row, StringBuilder source, StringBuilder wire) {
        LocalDateTime day = LocalDateTime.of(2026, 11, 1 + row % 28, 0, 0);
        String ref = String.format("%05X%04d", file, row);
        switch (row % 3) {
            case 0 -> {
                LocalDateTime end = day.plusHours(23).plusMinutes(59).plusSeconds(59);
                String description = "API calls, web and mobile, batch " + file + "-" + row;
                source.append(ISO_Z.format(day)).append(',').append(ISO_Z.format(end)).append(",metered-api,")
                        .append(quoted(description)).append(',').append(ref).append('\n');
                wire.append(target(day)).append(',').append(target(end)).append(",metered-api,")
                        .append(quoted(description)).append(',').append(ref).append('\n');
            }
            case 1 -> {
                LocalDateTime start = day.plusHours(8).plusMinutes(row % 60);
                LocalDateTime end = day.plusHours(17).plusMinutes(30);
                String description = "EU bucket hot tier " + file + "-" + row;
                source.append(SPACED.format(start)).append(',').append(SPACED.format(end)).append(",storage-gb,")
                        .append(description).append(',').append(ref).append('\n');
                wire.append(target(start)).append(',').append(target(end)).append(",storage-gb,")
                        .append(description).append(',').append(ref).append('\n');
            }
            default -> {
                // a date alone is the start of that day in the source zone; the description is optional
                source.append(DATE.format(day)).append(',').append(DATE.format(day)).append(",seats,,").append(ref)
                        .append('\n');
                wire.append(target(day)).append(',').append(target(day)).append(",seats,,").append(ref).append('\n');
            }
        }
    }

    private static String target(LocalDateTime utc) {
        return SPACED.format(utc.plusHours(TWOCHECKOUT_HOURS_AHEAD));
    }

    /** A value holding a comma is quoted, in the source as in a CSV writer's output. */
    private static String quoted(String value) {
        return '"' + value + '"';
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is in every JDK", e);
        }
    }
}

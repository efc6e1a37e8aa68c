package io.usagebridge.bench;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The app's log line time ({@code 2026-12-03 14:01:10,487}, Quarkus' console format, local time) as epoch millis. */
final class AppLogTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private AppLogTime() {
    }

    static long epochMillis(String time) {
        return LocalDateTime.parse(time, FORMAT).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    }
}

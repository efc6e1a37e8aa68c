package io.usagebridge.app.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A time in a query: an instant ({@code 2026-12-01T10:00:00Z}) or a day ({@code 2026-12-01}, its start in UTC). */
final class ApiTimes {

    private ApiTimes() {
    }

    static Instant parse(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " is an instant (2026-12-01T10:00:00Z) or a day (2026-12-01), "
                    + "not " + value);
        }
    }
}

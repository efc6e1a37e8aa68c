package io.usagebridge.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The forms a usage export's dates come in, read from Berlin and written as 2Checkout takes them (+02:00). */
class DateTimeFormatTest {

    private final DateTimeFormat format = new DateTimeFormat(ZoneId.of("Europe/Berlin"), ZoneOffset.ofHours(2),
            "yyyy-MM-dd HH:mm:ss");

    @ParameterizedTest
    @CsvSource({
            "2026-11-01T10:15:00Z, 2026-11-01 12:15:00",
            "2026-11-01T10:15:00+01:00, 2026-11-01 11:15:00",
            "2026-11-01T10:15:00-05:00, 2026-11-01 17:15:00",
            "2026-11-01T10:15:00, 2026-11-01 11:15:00",
            "2026-11-01 10:15:00, 2026-11-01 11:15:00",
            "' 2026-11-01 10:15:00 ', 2026-11-01 11:15:00",
            "2026-11-01, 2026-11-01 01:00:00"})
    void readsEveryFormItTakes(String raw, String written) {
        assertEquals(written, format.normalise(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-31", "2026-11-31 10:15:00", "2026-11-01 10:15:00Z", "2026-11-01T25:00:00",
            "11/01/2026", "2026-11-1", "", "2026-11-01T10:15:00+0x:00"})
    void refusesWhatIsNoneOfThem(String raw) {
        assertThrows(InvalidValueException.class, () -> format.normalise(raw));
    }
}

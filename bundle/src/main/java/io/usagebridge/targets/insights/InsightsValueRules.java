package io.usagebridge.targets.insights;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.usagebridge.csv.ControlCharacters;

/**
 * The Batch API's value rules, by the shape of a value: Insights learns its columns' types from sample files, so
 * UsageBridge does not know them and checks what a value looks like. A value that looks like a date must be an
 * ISO-8601 date or timestamp, one that looks like a boolean must be {@code true} or {@code false}, one that looks
 * like a number must be plain (no thousands separator, a period for decimals, no currency symbol), and a null is an
 * empty value, not a word. Free text that looks like none of these passes; no value holds a control character.
 */
public final class InsightsValueRules {

    private static final Pattern ISO_START = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}.*", Pattern.DOTALL);
    /** yyyy-MM-dd, then optionally [T or space]HH:mm[:ss[.fraction]] and a zone (Z, +HH, +HHmm, +HH:mm). */
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})(?:[T ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?) ?(Z|[+-]\\d{2}(?::?\\d{2})?)?)?");
    private static final Pattern OTHER_DATE = Pattern.compile(
            "(\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|\\d{4}[/.]\\d{1,2}[/.]\\d{1,2})([ T].*)?", Pattern.DOTALL);
    private static final Pattern CURRENCY = Pattern.compile(
            "[-+]?\\s*[$€£¥]\\s*[-+]?\\d[\\d,.]*|[-+]?\\d[\\d,.]*\\s*[$€£¥]");
    private static final Pattern THOUSANDS = Pattern.compile("[-+]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern EUROPEAN = Pattern.compile("[-+]?\\d{1,3}(\\.\\d{3})+,\\d+");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[-+]?\\d+,\\d+");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    private InsightsValueRules() {
    }

    /**
     * @param csv whether the value comes from a CSV file, where a null must be an empty value
     * @return what is wrong with the value, or null when it passes
     */
    public static String problem(String value, boolean csv) {
        if (value.isEmpty()) {
            return null;
        }
        int control = ControlCharacters.indexIn(value);
        if (control >= 0) {
            return String.format("no control character; U+%04X at character %d", (int) value.charAt(control),
                    control + 1);
        }
        if (csv && (value.equalsIgnoreCase("null") || value.equals("\\N"))) {
            return "a null is an empty value (,,), not '" + value + "'";
        }
        if ((value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))
                && !value.equals("true") && !value.equals("false")) {
            return "booleans are true or false, in lower case";
        }
        char first = value.charAt(0);
        if (!Character.isDigit(first) && "+-$€£¥ ".indexOf(first) < 0) {
            return null;
        }
        String v = value.trim();
        if (ISO_START.matcher(v).matches()) {
            return iso(v) ? null : "dates and timestamps are ISO-8601: yyyy-MM-dd, or yyyy-MM-dd HH:mm:ss with an "
                    + "optional zone (Z, +HH:mm)";
        }
        if (OTHER_DATE.matcher(v).matches()) {
            return "dates are ISO-8601 (yyyy-MM-dd), not day/month orders or other separators";
        }
        if (CURRENCY.matcher(v).matches()) {
            return "numbers are plain: no currency symbol";
        }
        if (THOUSANDS.matcher(v).matches()) {
            return "numbers are plain: no thousands separator";
        }
        if (EUROPEAN.matcher(v).matches() || DECIMAL_COMMA.matcher(v).matches()) {
            return "numbers are plain: a period is the decimal separator";
        }
        return null;
    }

    private static boolean iso(String value) {
        Matcher m = ISO.matcher(value);
        if (!m.matches()) {
            return false;
        }
        try {
            LocalDate.parse(m.group(1), DATE);
            if (m.group(2) != null) {
                LocalTime.parse(m.group(2));
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}

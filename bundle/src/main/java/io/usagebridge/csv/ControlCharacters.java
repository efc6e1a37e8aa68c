package io.usagebridge.csv;

/**
 * The control characters no target takes in a value (NUL and the like): a billing system stores them as they are or
 * cuts the value there. A tab or a line break inside a quoted value is text.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** Where {@code value} holds such a character, or -1. */
    public static int indexIn(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return i;
            }
        }
        return -1;
    }
}

package io.usagebridge.csv;

/** A value that breaks its column's format; the message says which format was expected. */
public class InvalidValueException extends RuntimeException {
    public InvalidValueException(String expected) {
        super(expected, null, false, false);
    }
}

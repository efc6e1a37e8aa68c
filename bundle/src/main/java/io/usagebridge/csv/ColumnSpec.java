package io.usagebridge.csv;

/** One column of a target's CSV contract. */
public record ColumnSpec(String name, boolean required, ValueFormat format) {

    public static ColumnSpec required(String name, ValueFormat format) {
        return new ColumnSpec(name, true, format);
    }

    public static ColumnSpec optional(String name, ValueFormat format) {
        return new ColumnSpec(name, false, format);
    }
}

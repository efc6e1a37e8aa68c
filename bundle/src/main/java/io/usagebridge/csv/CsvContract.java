package io.usagebridge.csv;

import java.util.List;
import java.util.Optional;

/**
 * What a target accepts: its columns (written in this order), which of them must hold a value and in which
 * format, and the rules across a row. Columns outside the contract are refused: a misspelt column must not be
 * dropped silently. A {@link RowKey}, when there is one (null otherwise), names the column that identifies a row at
 * the target.
 */
public record CsvContract(String name, List<ColumnSpec> columns, List<RowRule> rowRules, boolean acceptsOtherColumns,
                          RowKey rowKey) {

    public CsvContract(String name, List<ColumnSpec> columns, List<RowRule> rowRules) {
        this(name, columns, rowRules, false, null);
    }

    public CsvContract(String name, List<ColumnSpec> columns, List<RowRule> rowRules, boolean acceptsOtherColumns) {
        this(name, columns, rowRules, acceptsOtherColumns, null);
    }

    /** The same contract whose rows carry {@code key} (a contract column), unique within a file. */
    public CsvContract withRowKey(RowKey key) {
        if (column(key.column()).isEmpty()) {
            throw new IllegalArgumentException(key.column() + " is not a column of the " + name + " contract");
        }
        return new CsvContract(name, columns, rowRules, acceptsOtherColumns, key);
    }

    /** A contract whose columns depend on the job (e.g. a Zuora mass action): other columns pass as text. */
    public static CsvContract open(String name, List<ColumnSpec> known) {
        return new CsvContract(name, known, List.of(), true);
    }

    public Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}

package io.usagebridge.csv;

import java.util.List;
import java.util.Optional;

/**
 * What a target accepts: its columns (written in this order), which of them must hold a value and in which
 * format, and the rules across a row. Columns outside the contract are refused: a misspelt column must not be
 * dropped silently.
 */
public record CsvContract(String name, List<ColumnSpec> columns, List<RowRule> rowRules, boolean acceptsOtherColumns) {

    public CsvContract(String name, List<ColumnSpec> columns, List<RowRule> rowRules) {
        this(name, columns, rowRules, false);
    }

    /** A contract whose columns depend on the job (e.g. a Zuora mass action): other columns pass as text. */
    public static CsvContract open(String name, List<ColumnSpec> known) {
        return new CsvContract(name, known, List.of(), true);
    }

    public Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}

package io.usagebridge.csv;

import java.util.List;
import java.util.Optional;

/**
 * What a target accepts: its columns (written in this order), which of them must hold a value and in which
 * format, and the rules across a row. Columns outside the contract are refused: a misspelt column must not be
 * dropped silently.
 */
public record CsvContract(String name, List<ColumnSpec> columns, List<RowRule> rowRules) {

    public Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}

package io.usagebridge.targets.zuora;

import java.util.HashSet;
import java.util.List;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.csv.CsvContract;
import io.usagebridge.csv.RowKey;

/**
 * Zuora's row identity, UNIQUE_KEY: Zuora upserts on it (a new key creates a record, an identical record is ignored,
 * a changed quantity, UOM, date or description updates the record), so a resent row cannot bill twice; two rows
 * with one key fail the whole import, so repeats are refused before sending. With
 * {@code target.<id>.unique-key-columns} set, every row's key is derived from those columns; unset, a file's own
 * keys are checked for repeats.
 */
public final class ZuoraUniqueKey {

    public static final String COLUMN = "UNIQUE_KEY";
    public static final String SETTING = "unique-key-columns";

    private ZuoraUniqueKey() {
    }

    /** The key rule of {@code contract} as {@code config} sets it; refuses names outside the contract. */
    public static RowKey read(TargetConfig config, CsvContract contract) {
        List<String> columns = config.settings().getList(SETTING);
        String setting = "target." + config.id() + "." + SETTING;
        for (String column : columns) {
            if (contract.column(column).isEmpty() || column.equals(COLUMN)) {
                throw new IllegalStateException(setting + " names '" + column + "', not a column a key can be "
                        + "derived from; one of " + contract.columns().stream().map(c -> c.name())
                        .filter(c -> !c.equals(COLUMN)).toList());
            }
        }
        if (new HashSet<>(columns).size() != columns.size()) {
            throw new IllegalStateException(setting + " names a column twice: " + columns);
        }
        return columns.isEmpty() ? RowKey.given(COLUMN) : new RowKey(COLUMN, columns);
    }
}

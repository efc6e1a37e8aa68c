package io.usagebridge.targets.httpmultipart;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.csv.ColumnSpec;
import io.usagebridge.csv.CsvContract;
import io.usagebridge.csv.ValueFormat;
import io.usagebridge.plugin.TargetType;

/**
 * A receiver that takes each chunk as a multipart/form-data upload with its MD5: any CSV with a header, the columns
 * named in {@code required-columns} checked for a value in every row, the rest passed as they are.
 */
public final class HttpMultipartTarget implements TargetType {

    public static final String TYPE = "http-multipart";

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public CsvContract contract(TargetConfig config) {
        return CsvContract.open(TYPE, HttpMultipartSettings.read(config).requiredColumns().stream()
                .map(column -> ColumnSpec.required(column, ValueFormat.TEXT)).toList());
    }

    @Override
    public boolean dedupsResends() {
        return false; // no idempotency key: a lost answer or a 5xx after the body was written is uncertain
    }

    @Override
    public void validate(TargetConfig config) {
        HttpMultipartSettings.read(config);
    }
}

package io.usagebridge.csv;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** A plain decimal number: no thousands separator, a period for decimals, no currency sign. */
public final class NumberFormat implements ValueFormat {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    @Override
    public String normalise(String raw) {
        if (!PLAIN_NUMBER.matcher(raw).matches()) {
            throw new InvalidValueException("a plain number such as 12 or 3.5");
        }
        return new BigDecimal(raw).toPlainString();
    }

    /** 2.50 and 2.5 are one quantity, should a derived key read it. */
    @Override
    public String canonical(String normalised) {
        return new BigDecimal(normalised).stripTrailingZeros().toPlainString();
    }
}

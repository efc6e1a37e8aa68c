package io.usagebridge.e2e;

import static io.usagebridge.e2e.BadInputCase.done;
import static io.usagebridge.e2e.BadInputCase.failed;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.usagebridge.csv.LocalFileNames;

/**
 * Generated cases at and one over a target's chunk limits ({@code max-chunk-rows}, {@code max-chunk-bytes}), a row
 * that alone is over the byte limit, and a name of the file system's full 255 bytes: for the targets whose only
 * limits are their settings. The columns fit any contract that takes OptionCode and SubscriptionRef.
 */
final class ChunkLimitCases {

    static final long MAX_ROWS = 1_000;
    static final long MAX_BYTES = 128 * 1024;
    private static final String HEADER = "UsageStart,UsageEnd,OptionCode,Description,SubscriptionRef";

    private ChunkLimitCases() {
    }

    /** The limits these cases are cut against, set on target {@code id}. */
    static Properties limits(Properties p, String id) {
        p.put("target." + id + ".max-chunk-rows", String.valueOf(MAX_ROWS));
        p.put("target." + id + ".max-chunk-bytes", String.valueOf(MAX_BYTES));
        return p;
    }

    static List<BadInputCase> of(BadInputBar bar, String folder) throws IOException {
        List<BadInputCase> cases = new ArrayList<>();
        cases.add(done(folder + "/rows-at-chunk-limit.csv", bar.generated(folder + "/rows-at-chunk-limit.csv",
                SizedCsv.rows(HEADER, i -> row("rows-at", i, ""), MAX_ROWS)), 1));
        cases.add(done(folder + "/rows-one-over-chunk-limit.csv", bar.generated(folder
                + "/rows-one-over-chunk-limit.csv", SizedCsv.rows(HEADER, i -> row("rows-over", i, ""), MAX_ROWS + 1)),
                2));
        // long rows, so the byte limit is met before the row limit
        String pad = "p".repeat(300);
        cases.add(done(folder + "/bytes-at-chunk-limit.csv", bar.generated(folder + "/bytes-at-chunk-limit.csv",
                SizedCsv.of(HEADER, i -> row("bytes-at", i, pad), MAX_BYTES)), 1));
        cases.add(done(folder + "/bytes-one-over-chunk-limit.csv", bar.generated(folder
                + "/bytes-one-over-chunk-limit.csv", SizedCsv.of(HEADER, i -> row("bytes-over", i, pad),
                MAX_BYTES + 1)), 2));
        // each value within csv.max-field-chars, the row over the chunk limit: it fits no chunk
        String wide = "w".repeat(60_000);
        cases.add(failed(folder + "/row-over-chunk-limit.csv", bar.generated(folder + "/row-over-chunk-limit.csv",
                SizedCsv.rows(HEADER, i -> String.join(",", "2026-11-01 10:00:00", "2026-11-01 11:00:00", wide, wide,
                        wide), 1)), "TARGET_LIMIT_EXCEEDED", "2"));
        String longest = "n".repeat(LocalFileNames.MAX_BYTES - 4) + ".csv";
        cases.add(done(folder + "/" + longest, bar.generated(folder + "/" + longest,
                SizedCsv.rows(HEADER, i -> row("longest-name", i, ""), 2)), 1));
        return cases;
    }

    private static String row(String kind, long i, String pad) {
        return "2026-11-01 10:00:00,2026-11-01 11:00:00,metered-api," + kind + "-" + i + pad + ",SUB" + i;
    }
}

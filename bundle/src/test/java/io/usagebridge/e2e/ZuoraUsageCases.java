package io.usagebridge.e2e;

import static io.usagebridge.e2e.BadInputCase.done;
import static io.usagebridge.e2e.BadInputCase.failed;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.usagebridge.csv.LocalFileNames;
import io.usagebridge.targets.zuora.ZuoraFileNames;

/**
 * Generated Zuora usage files for the targets that take Zuora's usage contract (SOAP Import, REST usage): a file at
 * and one byte over the target's file limit, names around Zuora's file-name rule and the file system's 255 bytes,
 * and a 10 MB single line.
 */
final class ZuoraUsageCases {

    static final String HEADER = "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION";

    /** Names that fit, and just do not fit, Zuora's file-name rule (derived then), and odd ones. */
    static final List<String> NAMES = List.of(NameCases.ofLength(ZuoraFileNames.FILE_NAME_LIMIT - 1),
            NameCases.ofLength(ZuoraFileNames.FILE_NAME_LIMIT), "usage with spaces ünïcödé 東京.csv",
            "usage..2026-11.csv", "n".repeat(LocalFileNames.MAX_BYTES - 4) + ".csv");

    private ZuoraUsageCases() {
    }

    /** Files of exactly {@code limit} bytes and one more, in {@code folder}; the larger makes {@code sendsOver}. */
    static List<BadInputCase> sized(BadInputBar bar, String folder, long limit, int sendsOver) throws IOException {
        return List.of(
                done(folder + "/at-file-limit.csv", bar.generated(folder + "/at-file-limit.csv",
                        SizedCsv.of(HEADER, i -> "A" + i + ",Each,1,11/01/2026,,,,at-the-limit-", limit)), 1),
                done(folder + "/one-over-file-limit.csv", bar.generated(folder + "/one-over-file-limit.csv",
                        SizedCsv.of(HEADER, i -> "B" + i + ",Each,1,11/01/2026,,,,one-over-", limit + 1)), sendsOver));
    }

    /** A small good file under each name, and the 10 MB line. */
    static List<BadInputCase> named(BadInputBar bar, String folder, List<String> names) throws IOException {
        List<BadInputCase> cases = new ArrayList<>();
        for (String name : names) {
            cases.add(done(folder + "/" + name, bar.generated(folder + "/" + name, SizedCsv.rows(HEADER,
                    i -> "C" + i + ",Each,1,11/01/2026,,,," + name.length() + " " + name.hashCode(), 2)), 1));
        }
        cases.add(failed(folder + "/ten-megabyte-line.csv", bar.generated(folder + "/ten-megabyte-line.csv", out -> {
            out.write(HEADER + "\n");
            out.write("x".repeat(10 << 20));
            out.write('\n');
        }), "CSV_FIELD_TOO_LONG", "2"));
        return cases;
    }
}

package io.usagebridge.e2e;

import static io.usagebridge.e2e.BadInputCase.done;
import static io.usagebridge.e2e.BadInputCase.failed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.usagebridge.csv.LocalFileNames;
import io.usagebridge.sandbox.zuorasoap.ZuoraImport;
import io.usagebridge.targets.zuora.ZuoraFileNames;
import io.usagebridge.targets.zuora.soap.ZuoraImportFiles;

/**
 * The bad-input suite for the Zuora SOAP Import target: bad-input/zuora-soap/cases.csv plus generated sizes and
 * names at and one over the Import's limits (4194304 bytes; a file name under 50 characters; an Import Name of 100),
 * all dropped at once into one app, held to {@link BadInputBar}.
 */
class ZuoraSoapBadInputSuiteTest extends ZuoraSoapTestSupport {

    private static final String HEADER = "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION";

    @Test
    void everyCaseEndsAsDocumentedAndOnlyTheGoodOnesReachZuoraOnce() throws Exception {
        BadInputBar bar = new BadInputBar(data, this::ledger);
        List<BadInputCase> cases = new ArrayList<>(BadInputCases.read(
                BadInputCases.SUITE.resolve("zuora-soap/cases.csv"), "zuora"));
        long limit = ZuoraImportFiles.MAX_FILE_BYTES;
        // at the limit: one Import, as CSV; one byte over: one Import, zipped
        cases.add(done("zuora/at-import-limit.csv", bar.generated("at-import-limit.csv",
                SizedCsv.of(HEADER, i -> "A" + i + ",Each,1,11/01/2026,,,,at-the-limit-", limit)), 1));
        cases.add(done("zuora/one-over-import-limit.csv", bar.generated("one-over-import-limit.csv",
                SizedCsv.of(HEADER, i -> "B" + i + ",Each,1,11/01/2026,,,,one-over-", limit + 1)), 1));
        String justUnder = NameCases.ofLength(ZuoraFileNames.FILE_NAME_LIMIT - 1);
        String atNameLimit = NameCases.ofLength(ZuoraFileNames.FILE_NAME_LIMIT);
        String atImportName = NameCases.ofLength(ZuoraFileNames.IMPORT_NAME_LIMIT);
        String overImportName = NameCases.ofLength(ZuoraFileNames.IMPORT_NAME_LIMIT + 1);
        for (String name : List.of(justUnder, atNameLimit, atImportName, overImportName,
                "usage with spaces ünïcödé 東京.csv", "usage..2026-11.csv",
                "n".repeat(LocalFileNames.MAX_BYTES - 4) + ".csv")) {
            cases.add(done("zuora/" + name, bar.generated(name, SizedCsv.rows(HEADER,
                    i -> "C" + i + ",Each,1,11/01/2026,,,," + name.length() + " " + name.hashCode(), 2)), 1));
        }
        cases.add(failed("zuora/ten-megabyte-line.csv", bar.generated("ten-megabyte-line.csv", out -> {
            out.write(HEADER + "\n");
            out.write("x".repeat(10 << 20));
            out.write('\n');
        }), "CSV_FIELD_TOO_LONG", "2"));

        bar.drop(cases);

        bar.assertMet(cases, () -> zuora.imports().size(), context, "intake-folder");
        Map<String, ZuoraImport> byName = zuora.imports().stream()
                .collect(Collectors.toMap(ZuoraImport::name, i -> i, (a, b) -> a));
        assertTrue(zuora.imports().stream().allMatch(i -> i.accepted() && i.fileName().length() < 50
                && i.name().length() <= 100), "every Import within Zuora's name rules");
        assertEquals("at-import-limit.csv", byName.get("at-import-limit.csv").fileName());
        assertEquals(limit, byName.get("at-import-limit.csv").size(), "sent as it is");
        assertEquals("one-over-import-limit.zip", byName.get("one-over-import-limit.csv").fileName());
        assertEquals(justUnder, byName.get(justUnder).fileName(), "a name under 50 characters is kept");
        assertTrue(byName.containsKey(atImportName), "an Import Name of 100 characters is kept");
        assertTrue(byName.containsKey(overImportName.substring(0, 100)), "a longer one is cut to 100");
    }
}

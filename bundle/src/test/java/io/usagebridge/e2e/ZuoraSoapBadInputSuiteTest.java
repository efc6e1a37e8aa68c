package io.usagebridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.usagebridge.sandbox.zuorasoap.ZuoraImport;
import io.usagebridge.targets.zuora.ZuoraFileNames;
import io.usagebridge.targets.zuora.soap.ZuoraImportFiles;

/**
 * The bad-input suite for the Zuora SOAP Import target: bad-input/zuora-usage/cases.csv plus generated sizes and
 * names at and one over the Import's limits (4194304 bytes; a file name under 50 characters; an Import Name of 100),
 * all dropped at once into one app, held to {@link BadInputBar}.
 */
class ZuoraSoapBadInputSuiteTest extends ZuoraSoapTestSupport {

    @Test
    void everyCaseEndsAsDocumentedAndOnlyTheGoodOnesReachZuoraOnce() throws Exception {
        BadInputBar bar = new BadInputBar(data, this::ledger);
        List<BadInputCase> cases = new ArrayList<>(BadInputCases.read(
                BadInputCases.SUITE.resolve("zuora-usage/cases.csv"), "zuora"));
        long limit = ZuoraImportFiles.MAX_FILE_BYTES;
        // at the limit: one Import, as CSV; one byte over: one Import, zipped
        cases.addAll(ZuoraUsageCases.sized(bar, "zuora", limit, 1));
        String justUnder = ZuoraUsageCases.NAMES.get(0);
        String atImportName = NameCases.ofLength(ZuoraFileNames.IMPORT_NAME_LIMIT);
        String overImportName = NameCases.ofLength(ZuoraFileNames.IMPORT_NAME_LIMIT + 1);
        List<String> names = new ArrayList<>(ZuoraUsageCases.NAMES);
        names.addAll(List.of(atImportName, overImportName));
        cases.addAll(ZuoraUsageCases.named(bar, "zuora", names));

        bar.drop(cases);

        bar.assertMet(cases, () -> zuora.imports().size(), context, "intake-folder");
        Map<String, ZuoraImport> byName = zuora.imports().stream()
                .collect(Collectors.toMap(ZuoraImport::name, i -> i, (a, b) -> a));
        assertTrue(zuora.imports().stream().allMatch(i -> i.accepted() && i.fileName().length() < 50
                && i.name().length() <= 100), "every Import within Zuora's name rules");
        assertEquals("at-file-limit.csv", byName.get("at-file-limit.csv").fileName());
        assertEquals(limit, byName.get("at-file-limit.csv").size(), "sent as it is");
        assertEquals("one-over-file-limit.zip", byName.get("one-over-file-limit.csv").fileName());
        assertEquals(justUnder, byName.get(justUnder).fileName(), "a name under 50 characters is kept");
        assertTrue(byName.containsKey(atImportName), "an Import Name of 100 characters is kept");
        assertTrue(byName.containsKey(overImportName.substring(0, 100)), "a longer one is cut to 100");
    }
}

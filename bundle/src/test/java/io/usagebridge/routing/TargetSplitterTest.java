package io.usagebridge.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/** Which target gets which rows: a routing column in a combined export, else the inbox folder or a glob. */
class TargetSplitterTest {

    @TempDir
    Path dir;

    // --- routing column -----------------------------------------------------------------------------------

    @Test
    void combinedExportIsSplitIntoOneSlicePerTargetWithoutTheRoutingColumn() throws IOException {
        Path combined = write("combined.csv", """
                UsageStart,target,OptionCode,Description
                2026-11-01 10:00:00,eu,OPT1,"calls, roaming"
                2026-11-01 11:00:00,us,OPT2,sms
                2026-11-01 12:00:00,eu,OPT3,"data ""5G"", night"
                2026-11-01 13:00:00,us,OPT4,"multi
                line"
                2026-11-01 14:00:00,eu,OPT5,
                """);

        List<TargetSlice> slices = splitter(Map.of("routing.column", "target")).split(combined, "combined.csv",
                dir.resolve("slices"));

        assertEquals(List.of("eu", "us"), slices.stream().map(TargetSlice::target).toList());
        assertEquals("""
                UsageStart,OptionCode,Description
                2026-11-01 10:00:00,OPT1,"calls, roaming"
                2026-11-01 12:00:00,OPT3,"data ""5G"", night"
                2026-11-01 14:00:00,OPT5,
                """, Files.readString(slices.get(0).file()));
        assertEquals("""
                UsageStart,OptionCode,Description
                2026-11-01 11:00:00,OPT2,sms
                2026-11-01 13:00:00,OPT4,"multi
                line"
                """, Files.readString(slices.get(1).file()));
        assertTrue(slices.get(0).file().startsWith(dir.resolve("slices")));
    }

    @Test
    void routingValueIsMatchedWithoutSurroundingSpaces() throws IOException {
        Path combined = write("combined.csv", "target,UsageStart\n eu ,2026-11-01 10:00:00\n");

        List<TargetSlice> slices = splitter(Map.of("routing.column", "target")).split(combined, "combined.csv",
                dir.resolve("slices"));

        assertEquals(List.of("eu"), slices.stream().map(TargetSlice::target).toList());
        assertEquals("UsageStart\n2026-11-01 10:00:00\n", Files.readString(slices.get(0).file()));
    }

    @Test
    void unknownRoutingValueIsRefusedWithItsLine() throws IOException {
        Path combined = write("combined.csv", """
                target,UsageStart
                eu,2026-11-01 10:00:00
                us,2026-11-01 11:00:00
                asia,2026-11-01 12:00:00
                eu,2026-11-01 13:00:00
                """);

        UsageBridgeFailure failure = assertThrows(UsageBridgeFailure.class,
                () -> splitter(Map.of("routing.column", "target")).split(combined, "combined.csv",
                        dir.resolve("slices")));

        assertEquals(CoreFailureCode.ROUTING_VALUE_UNKNOWN, failure.code());
        assertTrue(failure.getMessage().startsWith("line 4, column target, value 'asia'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("eu") && failure.getMessage().contains("us"),
                "names the known values: " + failure.getMessage());
    }

    @Test
    void routingValueIsTheTargetIdUnlessConfigured() throws IOException {
        Map<String, String> settings = new HashMap<>(Map.of("routing.column", "region"));
        settings.put("target.eu.routing-value", "EU-WEST");
        Path combined = write("combined.csv", "region,UsageStart\nEU-WEST,2026-11-01 10:00:00\nus,2026-11-01 11:00:00\n");

        List<TargetSlice> slices = splitter(settings).split(combined, "combined.csv", dir.resolve("slices"));

        assertEquals(List.of("eu", "us"), slices.stream().map(TargetSlice::target).toList());
    }

    @Test
    void combinedExportWithOnlyAHeaderIsRefused() throws IOException {
        Path combined = write("combined.csv", "target,UsageStart\n");

        UsageBridgeFailure failure = assertThrows(UsageBridgeFailure.class,
                () -> splitter(Map.of("routing.column", "target")).split(combined, "combined.csv",
                        dir.resolve("slices")));

        assertEquals(CoreFailureCode.CSV_HEADER_ONLY, failure.code());
    }

    @Test
    void brokenQuoteInACombinedExportIsAnUnterminatedQuoteNotAnEncodingError() throws IOException {
        Path combined = write("combined.csv", "target,Description\neu,ok\nus,\"never closed\n");

        UsageBridgeFailure failure = assertThrows(UsageBridgeFailure.class,
                () -> splitter(Map.of("routing.column", "target")).split(combined, "combined.csv",
                        dir.resolve("slices")));

        assertEquals(CoreFailureCode.CSV_QUOTE_UNTERMINATED, failure.code(), failure.getMessage());
        assertTrue(failure.getMessage().startsWith("line 3:"), failure.getMessage());
    }

    @Test
    void combinedExportThatIsNotUtf8IsRefused() throws IOException {
        Path combined = dir.resolve("combined.csv");
        Files.write(combined, new byte[] {'t', 'a', 'r', 'g', 'e', 't', ',', 'D', '\n', 'e', 'u', ',', (byte) 0xC3,
                0x28, '\n'});

        UsageBridgeFailure failure = assertThrows(UsageBridgeFailure.class,
                () -> splitter(Map.of("routing.column", "target")).split(combined, "combined.csv",
                        dir.resolve("slices")));

        assertEquals(CoreFailureCode.CSV_NOT_UTF8, failure.code());
    }

    // --- folder and name ----------------------------------------------------------------------------------

    @Test
    void fileWithoutTheRoutingColumnGoesWholeToItsInboxFoldersTarget() throws IOException {
        Path file = write("file.csv", "UsageStart,OptionCode\n2026-11-01 10:00:00,OPT1\n");

        List<TargetSlice> slices = splitter(Map.of("routing.column", "target")).split(file, "eu/file.csv",
                dir.resolve("slices"));

        assertEquals(List.of(new TargetSlice("eu", file)), slices);
    }

    @Test
    void fileIsRoutedByFolderWhenNoRoutingColumnIsConfigured() throws IOException {
        Path file = write("file.csv", "target,OptionCode\nus,OPT1\n");

        List<TargetSlice> slices = splitter(Map.of()).split(file, "eu/file.csv", dir.resolve("slices"));

        assertEquals(List.of(new TargetSlice("eu", file)), slices, "a 'target' column means nothing unconfigured");
    }

    @Test
    void fileIsRoutedByItsNameGlob() throws IOException {
        Path file = write("us-2026-11.csv", "UsageStart,OptionCode\n2026-11-01 10:00:00,OPT1\n");

        assertEquals(List.of(new TargetSlice("us", file)),
                splitter(Map.of("routing.column", "target")).split(file, "us-2026-11.csv", dir.resolve("slices")));
        assertEquals(List.of(new TargetSlice("us", file)),
                splitter(Map.of()).split(file, "drop/us-2026-11.csv", dir.resolve("slices")),
                "the glob looks at the name only");
    }

    @Test
    void fileThatNoRuleMatchesGoesToTheDefaultTargets() throws IOException {
        Path file = write("other.csv", "UsageStart\n2026-11-01 10:00:00\n");

        List<TargetSlice> slices = splitter(Map.of("routing.default-targets", "us, eu")).split(file, "other.csv",
                dir.resolve("slices"));

        assertEquals(List.of(new TargetSlice("us", file), new TargetSlice("eu", file)), slices);
    }

    @Test
    void fileThatNoRuleMatchesWithoutDefaultHasNoTarget() throws IOException {
        Path file = write("other.csv", "UsageStart\n2026-11-01 10:00:00\n");

        UsageBridgeFailure failure = assertThrows(UsageBridgeFailure.class,
                () -> splitter(Map.of("routing.column", "target")).split(file, "asia/other.csv",
                        dir.resolve("slices")));

        assertEquals(CoreFailureCode.ROUTING_NO_TARGET, failure.code());
        assertTrue(failure.getMessage().contains("'asia/other.csv'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("'target' column"), failure.getMessage());
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /**
     * Two targets: eu (inbox folder eu/, routing value eu) and us (files named us-*.csv, routing value us),
     * plus the given settings.
     */
    private static TargetSplitter splitter(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>();
        properties.put("target.eu.type", "twocheckout-usage");
        properties.put("target.eu.inbox-folder", "eu");
        properties.put("target.eu.routing-value", "eu");
        properties.put("target.us.type", "twocheckout-usage");
        properties.put("target.us.file-glob", "us-*.csv");
        properties.put("target.us.routing-value", "us");
        properties.putAll(extra);
        UsageBridgeSettings settings = new UsageBridgeSettings(key -> Optional.ofNullable(properties.get(key)));
        Map<String, TargetConfig> targets = new LinkedHashMap<>();
        targets.put("eu", TargetConfig.read("eu", settings));
        targets.put("us", TargetConfig.read("us", settings));
        return new TargetSplitter(RoutingRules.read(settings, targets));
    }

    private Path write(String name, String csv) throws IOException {
        Path file = dir.resolve("work").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, csv);
    }
}

package io.usagebridge.routing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import io.usagebridge.csv.CsvFormats;
import io.usagebridge.csv.CsvLimits;
import io.usagebridge.csv.Utf8Position;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * Splits a source file by target. A file whose header holds the routing column is streamed into one CSV per
 * target (header kept, routing column dropped); any other file goes whole to the targets its folder or name
 * picks.
 */
public class TargetSplitter {

    private final RoutingRules rules;
    private final CsvLimits limits;

    public TargetSplitter(RoutingRules rules) {
        this(rules, CsvLimits.DEFAULT);
    }

    public TargetSplitter(RoutingRules rules, CsvLimits limits) {
        this.rules = rules;
        this.limits = limits;
    }

    /**
     * @param workFile     the work copy of the source
     * @param relativePath the file's path below its inbox (its folder can pick the target)
     * @param sliceDir     where per-target slices are written
     */
    public List<TargetSlice> split(Path workFile, String relativePath, Path sliceDir) throws IOException {
        if (rules.routingColumn().isPresent()) {
            List<String> header = readHeader(workFile);
            int column = header.indexOf(rules.routingColumn().get());
            if (column >= 0) {
                return splitByColumn(workFile, header, column, sliceDir);
            }
        }
        List<String> targets = rules.targetsFor(relativePath);
        if (targets.isEmpty()) {
            throw new UsageBridgeFailure(CoreFailureCode.ROUTING_NO_TARGET, "no routing rule matches '" + relativePath
                    + "': drop it in a target's inbox folder, name it to match a target's file-glob, or add a "
                    + rules.routingColumn().map(c -> "'" + c + "' column").orElse("routing column"));
        }
        return targets.stream().map(t -> new TargetSlice(t, workFile)).toList();
    }

    private List<String> readHeader(Path file) throws IOException {
        try (CSVParser parser = CsvFormats.parse(file, limits)) {
            var it = parser.iterator();
            return it.hasNext() ? it.next().toList() : List.of();
        } catch (CharacterCodingException e) {
            throw notUtf8(file);
        } catch (UncheckedIOException e) {
            throw e.getCause() instanceof CharacterCodingException ? notUtf8(file)
                    : new UsageBridgeFailure(CoreFailureCode.CSV_ROW_MALFORMED, "the CSV header cannot be parsed: "
                            + e.getCause().getMessage());
        }
    }

    private static UsageBridgeFailure notUtf8(Path file) {
        return new UsageBridgeFailure(CoreFailureCode.CSV_NOT_UTF8, Utf8Position.describe(file)
                + ": save it as UTF-8");
    }

    private List<TargetSlice> splitByColumn(Path file, List<String> header, int column, Path sliceDir)
            throws IOException {
        Map<String, String> byValue = rules.targetsByRoutingValue();
        List<String> sliceHeader = new ArrayList<>(header);
        sliceHeader.remove(column);
        Files.createDirectories(sliceDir);
        Map<String, CSVPrinter> printers = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        try (CSVParser parser = CsvFormats.parse(file, limits)) {
            var it = parser.iterator();
            it.next();
            while (it.hasNext()) {
                CSVRecord record = it.next();
                String value = column < record.size() ? record.get(column).trim() : "";
                String target = byValue.get(value);
                if (target == null) {
                    throw new UsageBridgeFailure(CoreFailureCode.ROUTING_VALUE_UNKNOWN, "line "
                            + parser.getCurrentLineNumber() + ", column " + rules.routingColumn().get() + ", value '"
                            + value + "': no target has this routing value (known: " + byValue.keySet() + ")");
                }
                CSVPrinter printer = printers.get(target);
                if (printer == null) {
                    Path slice = sliceDir.resolve(target + ".csv");
                    BufferedWriter writer = Files.newBufferedWriter(slice, StandardCharsets.UTF_8);
                    printer = new CSVPrinter(writer, CsvFormats.WRITE);
                    printer.printRecord(sliceHeader);
                    printers.put(target, printer);
                    files.put(target, slice);
                }
                List<String> values = new ArrayList<>(record.toList());
                values.remove(column);
                printer.printRecord(values);
            }
        } catch (CharacterCodingException e) {
            throw notUtf8(file);
        } catch (UncheckedIOException e) {
            throw e.getCause() instanceof CharacterCodingException ? notUtf8(file)
                    : new UsageBridgeFailure(CoreFailureCode.CSV_ROW_MALFORMED, "the CSV cannot be parsed: "
                            + e.getCause().getMessage());
        } finally {
            for (CSVPrinter p : printers.values()) {
                p.close();
            }
        }
        if (files.isEmpty()) {
            throw new UsageBridgeFailure(CoreFailureCode.CSV_HEADER_ONLY, "the file has a header but no data rows");
        }
        return files.entrySet().stream().map(e -> new TargetSlice(e.getKey(), e.getValue())).toList();
    }
}

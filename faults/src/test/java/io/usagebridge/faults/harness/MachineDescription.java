package io.usagebridge.faults.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a report was measured on: cores, CPU model (/proc/cpuinfo), memory, Java. */
final class MachineDescription {

    private MachineDescription() {
    }

    static String describe() {
        int cores = Runtime.getRuntime().availableProcessors();
        return cores + " cores, " + cpuModel() + ", " + memory() + ", Java " + System.getProperty("java.version")
                + " (" + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")";
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("CPU model unknown");
        } catch (IOException e) {
            return "CPU model unknown";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB memory")
                    .orElse("memory unknown");
        } catch (IOException | NumberFormatException e) {
            return "memory unknown";
        }
    }
}

package io.usagebridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were taken on: cores, CPU model, JDK, OS. */
public record Machine(int cores, String cpuModel, String jdk, String os) {

    public static Machine describe() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
    }

    private static String readCpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown")
                    + flags(lines);
        } catch (IOException e) {
            return "unknown (no /proc/cpuinfo)";
        }
    }

    /** The digest instructions the JDK's intrinsics use: they decide the fingerprint figures. */
    private static String flags(List<String> lines) {
        String flags = lines.stream().filter(line -> line.startsWith("flags")).findFirst().orElse("");
        StringBuilder notable = new StringBuilder();
        for (String flag : List.of("sha_ni", "avx2", "avx512f")) {
            if ((" " + flags + " ").contains(" " + flag + " ")) {
                notable.append(notable.isEmpty() ? " (" : ", ").append(flag);
            }
        }
        return notable.isEmpty() ? "" : notable.append(')').toString();
    }
}

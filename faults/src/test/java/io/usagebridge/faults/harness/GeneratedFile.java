package io.usagebridge.faults.harness;

import java.util.List;

/**
 * One input file the harness made: where it was dropped (relative to its inbox), the target it is for, its
 * SHA-256 (how the harness finds it again in done/, failed/, ... whatever it was renamed to) and the unique row ids
 * it carries (how the harness counts it at the target).
 *
 * @param valid false for a file made to fail validation: its place at the end is failed/, not done/
 */
public record GeneratedFile(String name, String target, String sha256, List<String> rowIds, boolean valid) {

    public GeneratedFile {
        rowIds = List.copyOf(rowIds);
    }
}

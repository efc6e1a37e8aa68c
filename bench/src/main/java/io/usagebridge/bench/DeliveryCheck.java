package io.usagebridge.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the simulator received against what was dropped: every expected content (by MD5) exactly once, answered
 * {@code 1}, nothing else. A fast run that dropped, duplicated or spoiled a file fails here.
 */
public final class DeliveryCheck {

    private DeliveryCheck() {
    }

    /** Empty when the uploads are exactly the files' contents, each once and accepted; else what is wrong. */
    public static List<String> problems(List<UsageFile> files, Function<UsageFile, String> expectedMd5,
            List<Upload> uploads) {
        Map<String, Integer> received = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Upload upload : uploads) {
            received.merge(upload.md5(), 1, Integer::sum);
            if (!upload.accepted()) {
                problems.add(upload.fileName() + " answered " + upload.reply());
            }
        }
        int missing = 0;
        int duplicated = 0;
        for (UsageFile file : files) {
            Integer count = received.remove(expectedMd5.apply(file));
            if (count == null) {
                if (missing++ < 5) {
                    problems.add(file.name() + " (md5 " + expectedMd5.apply(file) + ") never arrived");
                }
            } else if (count > 1) {
                if (duplicated++ < 5) {
                    problems.add(file.name() + " arrived " + count + " times");
                }
            }
        }
        if (missing > 0 || duplicated > 0) {
            problems.add(missing + " files missing, " + duplicated + " duplicated");
        }
        if (!received.isEmpty()) {
            problems.add(received.size() + " uploads whose content matches no dropped file, e.g. md5 "
                    + received.keySet().iterator().next());
        }
        return problems;
    }
}

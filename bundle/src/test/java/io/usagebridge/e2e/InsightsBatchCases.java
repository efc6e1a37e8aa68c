package io.usagebridge.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Insights case list: {@code batch,<file of the batch>...,outcome,code,line}, one batch a row. Each file
 * column names a file of this list's folder copied into the batch under the column's name (empty: the batch has no
 * such file); the batch folder is built beside the inbox and dropped as {@code insights/<dataSource>/<batch>}.
 */
final class InsightsBatchCases {

    private InsightsBatchCases() {
    }

    static List<BadInputCase> read(Path list, String dataSource, Path buildDir) throws IOException {
        List<BadInputCase> cases = new ArrayList<>();
        String[] columns = null;
        for (String row : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            if (row.startsWith("#") || row.isBlank()) {
                continue;
            }
            String[] f = row.split(",", -1);
            if (columns == null) {
                columns = f;
                continue;
            }
            int files = columns.length - 4;
            Path batch = Files.createDirectories(buildDir.resolve(f[0]));
            int sends = 0;
            for (int i = 1; i <= files; i++) {
                if (!f[i].isEmpty()) {
                    Files.copy(list.getParent().resolve(f[i]), batch.resolve(columns[i]));
                    sends++;
                }
            }
            String outcome = f[files + 1];
            cases.add(new BadInputCase("insights/" + dataSource + "/" + f[0], batch, outcome, f[files + 2],
                    f[files + 3], outcome.equals("DONE") ? sends : 0));
        }
        return cases;
    }
}

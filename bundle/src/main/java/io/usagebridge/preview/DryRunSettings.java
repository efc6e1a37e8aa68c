package io.usagebridge.preview;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The settings a dry run lays over the app's own configuration: a throwaway in-memory ledger (nothing is claimed or
 * recorded in the real one), every intake and command folder off (nothing is taken, moved or acted on), no alerts,
 * work files under the preview's scratch folder. Targets, routing, limits and secrets stay as configured, so the
 * requests are built exactly as a real run builds them.
 */
public final class DryRunSettings {

    /** The preview folder; set, the app runs a dry run instead of its intakes. */
    public static final String PREVIEW_KEY = "usagebridge.dry-run.preview";
    /** The folder whose files are previewed (default: intake.folder.dir). */
    public static final String INBOX_KEY = "usagebridge.dry-run.inbox";
    /** Work copies, chunks and outcome folders of the dry run, inside the preview; deleted at the end. */
    public static final String SCRATCH = ".dry-run";

    private DryRunSettings() {
    }

    public static Map<String, String> overrides(Path preview) {
        Path scratch = preview.toAbsolutePath().resolve(SCRATCH);
        Map<String, String> p = new LinkedHashMap<>();
        p.put(PREVIEW_KEY, preview.toAbsolutePath().toString());
        p.put("ledger.url", "jdbc:h2:mem:usagebridge-dry-run-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        p.put("ledger.user", "dry-run");
        p.put("ledger.password", "");
        p.put("usagebridge.work-dir", scratch.resolve("work").toString());
        p.put("commands.dir", scratch.resolve("commands").toString());
        p.put("intake.folder.enabled", "false");
        p.put("intake.sftp.enabled", "false");
        p.put("intake.insights.enabled", "false");
        p.put("alerts.webhook.url", "");
        p.put("usagebridge.exit-when-idle-seconds", "");
        return p;
    }
}

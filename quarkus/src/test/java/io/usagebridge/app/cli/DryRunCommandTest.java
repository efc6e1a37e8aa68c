package io.usagebridge.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.usagebridge.preview.DryRunSettings;

/** The dry-run command's line: the app starts on a throwaway ledger with no intake, never on the real ones. */
class DryRunCommandTest {

    @Test
    void dryRunIsItsOwnUseOfTheJarNotAnApiCommand() {
        assertTrue(DryRunCommand.isDryRun(new String[] {"dry-run", "--preview", "p"}));
        assertFalse(CommandLine.isCommand(new String[] {"dry-run", "--preview", "p"}), "the app itself starts");
        assertFalse(DryRunCommand.isDryRun(new String[0]));
    }

    @Test
    void itsSettingsSwapTheLedgerAndSwitchEveryIntakeOff() {
        Map<String, String> settings = DryRunCommand.settings(new String[] {"dry-run", "--inbox", "examples/inbox",
                "--preview", "preview"});
        assertTrue(settings.get("ledger.url").startsWith("jdbc:h2:mem:"), settings.get("ledger.url"));
        assertEquals("false", settings.get("intake.folder.enabled"));
        assertEquals("false", settings.get("intake.sftp.enabled"));
        assertEquals("false", settings.get("intake.insights.enabled"));
        assertEquals("", settings.get("alerts.webhook.url"));
        assertEquals(Path.of("examples/inbox").toAbsolutePath().toString(), settings.get(DryRunSettings.INBOX_KEY));
        assertEquals(Path.of("preview").toAbsolutePath().toString(), settings.get(DryRunSettings.PREVIEW_KEY));
        assertTrue(settings.get("usagebridge.work-dir").startsWith(settings.get(DryRunSettings.PREVIEW_KEY)));
        assertTrue(settings.get("commands.dir").startsWith(settings.get(DryRunSettings.PREVIEW_KEY)));
    }

    @Test
    void aDryRunWithoutAPreviewFolderIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> DryRunCommand.settings(new String[] {"dry-run", "--inbox", "in"}));
        assertTrue(refused.getMessage().contains("--preview DIR"), refused.getMessage());
    }
}

package io.usagebridge.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.CamelContext;
import org.apache.camel.quarkus.main.events.AfterStart;

import io.quarkus.runtime.Quarkus;
import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.preview.DryRun;
import io.usagebridge.preview.DryRunOutcome;
import io.usagebridge.preview.DryRunSettings;
import io.usagebridge.preview.DryRunVerdict;

/**
 * The {@code dry-run} command's run, once the app started under its settings: every file of the inbox through the
 * real pipeline, its requests to the preview, one line per file, then exit: 0 when every file would go through, 1
 * when a file would fail, 2 when the dry run itself could not run.
 */
@ApplicationScoped
public class DryRunOnStart {

    void afterStart(@Observes AfterStart event) {
        CamelContext context = event.getCamelContext();
        UsageBridgeSettings settings = UsageBridgeSettings.of(context);
        Optional<String> preview = settings.get(DryRunSettings.PREVIEW_KEY);
        if (preview.isEmpty()) {
            return;
        }
        Path inbox = Path.of(settings.get(DryRunSettings.INBOX_KEY).orElseGet(() -> settings.require(
                "intake.folder.dir")));
        // not on the start's own thread: the run is the app's work, as an intake's would be
        Thread run = new Thread(() -> run(context, inbox, Path.of(preview.get())), "usagebridge-dry-run");
        run.start();
    }

    private static void run(CamelContext context, Path inbox, Path preview) {
        int exit;
        try {
            List<DryRunOutcome> outcomes = new DryRun(context).run(inbox, preview);
            outcomes.forEach(outcome -> System.out.println(outcome.line()));
            System.out.println("dry run of " + inbox + ": nothing sent, claimed or moved; the requests and "
                    + "summary.json are in " + preview);
            exit = outcomes.stream().anyMatch(o -> o.verdict() == DryRunVerdict.WOULD_FAIL) ? 1 : 0;
        } catch (Exception | Error e) {
            System.err.println("usagebridge dry-run: " + e.getMessage());
            exit = 2;
        }
        System.out.flush();
        Quarkus.asyncExit(exit);
    }
}

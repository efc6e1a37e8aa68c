package io.usagebridge.preview;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.file.FileConsumer;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.intake.WorkDirs;

/**
 * Runs an inbox through the real pipeline without sending: each file goes to {@code direct:ingest} as a folder
 * intake hands it over (read in place, never moved), so it is fingerprinted, split, validated, shaped, chunked and
 * signed by the very steps of a real run; marked {@link ExchangeKeys#DRY_RUN}, its send routes write the prepared
 * requests to the preview and stop before the send. The context must run with {@link DryRunSettings#overrides}: its
 * ledger is a throwaway, its intakes off. Failures are what a real run records: the same codes and messages, and
 * the very {@code .error.json} it writes, copied into the preview.
 */
public final class DryRun {

    private final CamelContext context;
    private final DryRunSummaryWriter summaries = new DryRunSummaryWriter();

    public DryRun(CamelContext context) {
        this.context = context;
    }

    /** Previews every file of {@code inbox} into {@code preview} (new, or without an earlier summary.json). */
    public List<DryRunOutcome> run(Path inbox, Path preview) throws IOException {
        if (!Files.isDirectory(inbox)) {
            throw new IllegalArgumentException("no inbox folder " + inbox);
        }
        if (Files.exists(preview.resolve("summary.json"))) {
            throw new IllegalArgumentException(preview + " holds an earlier dry run: name a new preview folder");
        }
        Files.createDirectories(preview);
        // the folder a folder intake leaves alone: a plug-in's batch intake takes it whole (FolderDryRun)
        String insights = UsageBridgeSettings.of(context).get("intake.insights.folder", "insights");
        Path scratch = preview.resolve(DryRunSettings.SCRATCH);
        List<DryRunOutcome> outcomes = new ArrayList<>();
        try (ProducerTemplate producer = context.createProducerTemplate()) {
            int n = 0;
            for (Path file : InboxFiles.list(inbox, insights)) {
                outcomes.add(preview(producer, inbox, file, preview, scratch.resolve("outcomes").resolve(++n + "")));
            }
            for (FolderDryRun folders : context.getRegistry().findByType(FolderDryRun.class)) {
                outcomes.addAll(folders.preview(producer, inbox, preview));
            }
        }
        summaries.write(preview, inbox, outcomes);
        WorkDirs.deleteTree(scratch);
        return outcomes;
    }

    private static DryRunOutcome preview(ProducerTemplate producer, Path inbox, Path file, Path preview,
                                         Path outcomes) throws IOException {
        String name = InboxFiles.name(inbox, file);
        DryRunFile record = new DryRunFile(name, preview);
        Exchange done = producer.send("direct:ingest", exchange -> {
            // as the folder-source template hands a file over: the file itself, its name below the inbox, and
            // outcome folders (here scratch ones: the original is never moved)
            exchange.getMessage().setBody(FileConsumer.asGenericFile(inbox.toString(), file.toFile(), null, false));
            exchange.getMessage().setHeader(Exchange.FILE_NAME, name);
            exchange.setProperty(ExchangeKeys.ORIGIN, "dry-run:" + inbox.toAbsolutePath());
            exchange.setProperty(ExchangeKeys.LOCAL_OUTCOME, true);
            exchange.setProperty(ExchangeKeys.DONE_DIR, outcomes.resolve("done").toString());
            exchange.setProperty(ExchangeKeys.FAILED_DIR, outcomes.resolve("failed").toString());
            exchange.setProperty(ExchangeKeys.DUPLICATE_DIR, outcomes.resolve("duplicate").toString());
            exchange.setProperty(ExchangeKeys.INFLIGHT_DIR, outcomes.resolve("inflight").toString());
            exchange.setProperty(ExchangeKeys.DRY_RUN, record);
        });
        return DryRunOutcome.of(record, done, copySidecar(outcomes.resolve("failed"), record, preview));
    }

    /** The .error.json a real run would write, as written by the same code, kept as {@code <file>/error.json}. */
    private static String copySidecar(Path failed, DryRunFile record, Path preview) throws IOException {
        if (!Files.isDirectory(failed)) {
            return null;
        }
        Optional<Path> sidecar;
        try (Stream<Path> files = Files.walk(failed)) {
            sidecar = files.filter(f -> f.getFileName().toString().endsWith(".error.json")).findFirst();
        }
        if (sidecar.isEmpty()) {
            return null;
        }
        Path kept = Files.createDirectories(record.folder()).resolve("error.json");
        Files.copy(sidecar.get(), kept, StandardCopyOption.REPLACE_EXISTING);
        return preview.relativize(kept).toString().replace('\\', '/');
    }
}

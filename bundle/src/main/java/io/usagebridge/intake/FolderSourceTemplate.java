package io.usagebridge.intake;

import java.util.List;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;

import io.usagebridge.ExchangeKeys;

/**
 * The {@code folder-source} route template: an inbox folder as an intake, made by one {@code templatedRoute} in
 * routes/ (its routeId names the intake in the ledger, health and metrics). It sets what the core needs to place the
 * original (the outcome folders, local) and hands every file to {@code direct:ingest}; a user's file names none of
 * that. A file is taken by one instance only (a lease in the ledger) once it is {@code readLockMinAgeMs} old; it is
 * moved on commit to done, failed (+ {@code <file>.error.json}), duplicate or inflight: never deleted, never over an
 * earlier file. If it cannot be processed at all (the ledger is down), it stays in the inbox.
 */
public class FolderSourceTemplate extends RouteBuilder {

    public static final String ID = "folder-source";

    /** Every parameter this template takes (the start-up checks refuse any other name). */
    public static final List<String> PARAMETERS = List.of("workers", "dir", "doneDir", "failedDir", "duplicateDir",
            "inflightDir", "include", "recursive", "antExclude", "readLockMinAgeMs", "readLockCheckIntervalMs",
            "readLockTimeoutMs", "pollDelayMs", "doneFileName", "autoStartup");

    /** The parameters without a default. */
    public static final List<String> REQUIRED = List.of("dir");

    @Override
    public void configure() {
        RouteTemplateDefinition template = IntakeTemplates.withWorkers(routeTemplate(ID))
                .templateParameter("dir", null, "the inbox folder")
                // beside the files, hidden (the consumer skips dot folders), as on an SFTP server
                .templateParameter("doneDir", "{{dir}}/.done", "where an original goes once every target took it")
                .templateParameter("failedDir", "{{dir}}/.failed", "where a failed original goes, with "
                        + "<file>.error.json; move it back into dir to replay it")
                .templateParameter("duplicateDir", "{{dir}}/.duplicate", "content already delivered to its targets:"
                        + " kept here, nothing sent")
                .templateParameter("inflightDir", "{{dir}}/.inflight", "where an original waits while a retry is "
                        + "parked or a target still processes it")
                .templateParameter("include", "(?i).*\\.csv", "regular expression of the file names taken; any "
                        + "other name (usage.csv.tmp) is left alone, so write under another name and rename")
                .templateParameter("recursive", "true", "take files from sub-folders too (a sub-folder can pick the "
                        + "target: target.<id>.inbox-folder)")
                .templateParameter("antExclude", "{{intake.insights.folder:insights}}/**", "sub-folders never taken "
                        + "file by file (Insights batch folders are taken whole by intake-insights)")
                // timings: the folder intakes' keys by default, so one setting (or a %test. line) tunes them all
                .templateParameter("readLockMinAgeMs", "{{intake.folder.read-lock-min-age-ms:10000}}",
                        "a file is taken once it is this old")
                .templateParameter("readLockCheckIntervalMs", "{{intake.folder.read-lock-check-interval-ms:1000}}",
                        "how often a file's size and age are compared")
                .templateParameter("readLockTimeoutMs", "{{intake.folder.read-lock-timeout-ms:2000}}",
                        "how long a poll waits on a young file before it leaves it for the next poll")
                .templateParameter("pollDelayMs", "{{intake.folder.poll-delay-ms:1000}}", "milliseconds between polls")
                .templateOptionalParameter("doneFileName", "a marker that must exist before a file is taken, e.g. "
                        + "${file:name}.done (removed with it); unset: no marker")
                .templateParameter("autoStartup", "true", "false keeps the intake stopped")
                .templateBean("readLock", LedgerReadLock.class, IntakeReadLocks::folder)
                .templateBean("linkedFolders", LinkedFolderFilter.class, rtc -> new LinkedFolderFilter(rtc.getCamelContext()
                        .getRegistry().lookupByNameAndType(IntakeTemplates.UNSAFE_NAMES_BEAN, UnsafeFileNames.class)));
        IntakeTemplates.withOutcomeFolders(template.from("file:{{dir}}?recursive={{recursive}}"
                        + "&include=RAW({{include}})&antExclude={{antExclude}}"
                        + "&exclusiveReadLockStrategy=#{{readLock}}&filter=#{{linkedFolders}}"
                        + "&doneFileName={{?doneFileName}}"
                        + "&delay={{pollDelayMs}}&sortBy=file:modified"
                        + IntakeTemplates.OUTCOME_OPTIONS))
                .setProperty(ExchangeKeys.LOCAL_OUTCOME, constant(true))
                .to("direct:ingest");
    }
}

package io.usagebridge.intake;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.apache.camel.RouteTemplateContext;
import org.apache.camel.builder.Builder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;

import io.usagebridge.ExchangeKeys;

/** What the rest of the bundle knows of the intake route templates ({@code folder-source}, {@code sftp-source}). */
public final class IntakeTemplates {

    /** The route group of every route made from an intake template: liveness watches these whatever their id. */
    public static final String GROUP = "intake";

    /** Template id to the parameter names it takes. */
    public static final Map<String, List<String>> PARAMETERS = Map.of(
            FolderSourceTemplate.ID, FolderSourceTemplate.PARAMETERS,
            SftpSourceTemplate.ID, SftpSourceTemplate.PARAMETERS);

    /** Template id to the parameters a templatedRoute must give (they have no default). */
    public static final Map<String, List<String>> REQUIRED = Map.of(
            FolderSourceTemplate.ID, FolderSourceTemplate.REQUIRED,
            SftpSourceTemplate.ID, SftpSourceTemplate.REQUIRED);

    /**
     * The endpoint options every intake template ends with: the original moves where SourceFinaliser decided, once
     * the exchange commits; the poll monitor watches the consumer; a move failing on commit is marked (MoveFailures),
     * so the ledger leaves the source unmoved and the file's next intake settles it.
     */
    /** The registry name of every intake's {@link UnsafeFileNames}. */
    public static final String UNSAFE_NAMES_BEAN = "unsafeFileNames";

    static final String OUTCOME_OPTIONS = "&move=${exchangeProperty." + ExchangeKeys.MOVE_TO + "}"
            + "&pollStrategy=#intakePollMonitor&onCompletionExceptionHandler=#intakeMoveFailures";

    /** A name with a control character is never taken, and said so once (an endpoint takes one filter). */
    static final String UNSAFE_NAMES_FILTER = "&filter=#" + UNSAFE_NAMES_BEAN;

    /** The one {@link FileTurns} of the app (UsageBridgeWiring binds it). */
    public static final String FILE_TURNS_BEAN = "fileTurns";

    private IntakeTemplates() {
    }

    /** The parameter and the pool of {@link IntakeWorkers} every intake template takes. */
    static RouteTemplateDefinition withWorkers(RouteTemplateDefinition template) {
        return template.templateParameter("workers", "{{" + IntakeWorkers.KEY + ":" + IntakeWorkers.DEFAULT + "}}",
                        "files of this intake in work at once")
                .templateBean("workerPool", ExecutorService.class, rtc -> IntakeWorkers.pool(rtc.getCamelContext(),
                        "intake-workers", workers(rtc)));
    }

    private static int workers(RouteTemplateContext rtc) {
        String raw = rtc.getProperty("workers", String.class);
        String value = raw == null ? "" : rtc.getCamelContext().resolvePropertyPlaceholders(raw).trim();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("intake parameter workers = '" + value + "' is not a number");
        }
    }

    /**
     * The route part every intake template shares: its error handling, group, switch and outcome folders, and the
     * hand-over to the intake's workers (the file still commits, moved to its outcome folder, when its work ends).
     */
    static RouteDefinition withOutcomeFolders(RouteDefinition route) {
        RouteDefinition shared = route.routeConfigurationId("usagebridge-errors")
                .routeGroup(GROUP)
                .autoStartup("{{autoStartup}}")
                .setProperty(ExchangeKeys.DONE_DIR, Builder.constant("{{doneDir}}"))
                .setProperty(ExchangeKeys.FAILED_DIR, Builder.constant("{{failedDir}}"))
                .setProperty(ExchangeKeys.DUPLICATE_DIR, Builder.constant("{{duplicateDir}}"))
                .setProperty(ExchangeKeys.INFLIGHT_DIR, Builder.constant("{{inflightDir}}"));
        // a turn in the intake's order (FileTurns): same content is claimed in that order, a resend is the duplicate
        shared.bean(FILE_TURNS_BEAN, "takeTurn")
                .threads().executorService("{{workerPool}}");
        return shared;
    }
}

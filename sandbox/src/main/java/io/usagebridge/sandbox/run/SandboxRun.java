package io.usagebridge.sandbox.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * README's sandbox run, {@code java -jar sandbox/target/usagebridge-sandbox-run.jar} from the repository root: the
 * simulators in this process, the production app as a second one, so the app's jar holds no simulator.
 *
 * <ol>
 *   <li>reads the {@code %sandbox.} profile of config/application.properties (targets, their sandbox accounts,
 *       {@code usagebridge.sandbox.data-dir}, {@code usagebridge.sandbox.example-inbox}, {@code intake.folder.dir});</li>
 *   <li>wipes the sandbox data folder (ledger included), starts a simulator for each target on a free port and
 *       copies the example files into the inbox;</li>
 *   <li>runs {@code java -Dquarkus.profile=sandbox -jar quarkus/target/quarkus-app/quarkus-run.jar} with each
 *       target's URL pointed at its simulator; the app prints its per-file summary and exits once idle;</li>
 *   <li>stops the simulators and exits with the app's exit code.</li>
 * </ol>
 *
 * System properties {@code sandbox.config} and {@code sandbox.app-jar} name other files than those defaults;
 * {@code sandbox.app-options} (space-separated, none by default) adds JVM options to the app's command before
 * {@code -jar}, e.g. {@code -Xmx128m} for bench/'s every-target case. Without them the run is the README's.
 * Ctrl+C stops the app (SIGTERM) before the simulators.
 */
public final class SandboxRun {

    static final String DEFAULT_CONFIG = "config/application.properties";
    static final String DEFAULT_APP_JAR = "quarkus/target/quarkus-app/quarkus-run.jar";
    static final String APP_OPTIONS = "sandbox.app-options";
    /** The app's own shutdown timeout is 10 s; past this it is killed. */
    private static final Duration APP_STOP_GRACE = Duration.ofSeconds(20);
    private static final int SETUP_FAILED = 2;

    private SandboxRun() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        logSimulatorsToConsole();
        Path config = Path.of(System.getProperty("sandbox.config", DEFAULT_CONFIG));
        Path appJar = Path.of(System.getProperty("sandbox.app-jar", DEFAULT_APP_JAR));
        List<String> appOptions = appOptions(System.getProperty(APP_OPTIONS, ""));
        if (!Files.isRegularFile(config) || !Files.isRegularFile(appJar)) {
            System.err.println("sandbox: " + config + " or " + appJar + " not found: run this from the repository "
                    + "root, after mvn -B -q install -DskipTests");
            System.exit(SETUP_FAILED);
        }
        SandboxProfile profile = SandboxProfile.read(config);
        Path dataDir = ExampleInbox.sandboxDataDir(profile.require("usagebridge.sandbox.data-dir"));
        ExampleInbox.wipe(dataDir);
        System.out.println("sandbox: " + dataDir + " wiped");
        Path received = dataDir.resolve("received");
        SimulatedTargets targets = SimulatedTargets.start(profile, received);
        SandboxApp app;
        try {
            System.out.println("sandbox: simulators listening (what they receive is kept in " + received + "/):");
            targets.listening().forEach(line -> System.out.println("sandbox:   " + line));
            copyExamples(profile, dataDir);
            app = SandboxApp.start(appJar, appOptions, targets.appOverrides());
        } catch (IOException | RuntimeException e) {
            targets.close();
            throw e;
        }
        System.out.println("sandbox: app started (pid " + app.pid() + "): java -Dquarkus.profile=sandbox "
                + (appOptions.isEmpty() ? "" : String.join(" ", appOptions) + " ") + "-jar " + appJar
                + ", its targets pointed at the simulators above");
        waitForTheAppThenStop(app, targets);
    }

    /** {@value #APP_OPTIONS} split on white space; none when blank. */
    static List<String> appOptions(String value) {
        return value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    private static void copyExamples(SandboxProfile profile, Path dataDir) throws IOException {
        Path examples = Path.of(profile.require("usagebridge.sandbox.example-inbox"));
        Path inbox = Path.of(profile.require("intake.folder.dir"));
        if (!inbox.normalize().startsWith(dataDir)) {
            throw new IllegalStateException("the sandbox inbox " + inbox + " must be below " + dataDir);
        }
        int copied = ExampleInbox.copy(examples, inbox);
        System.out.println("sandbox: " + copied + " example files copied from " + examples + " to " + inbox);
    }

    /** Whoever comes first stops everything: the app's own exit, or Ctrl+C / SIGTERM (the shutdown hook). */
    private static void waitForTheAppThenStop(SandboxApp app, SimulatedTargets targets) throws InterruptedException {
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopping.compareAndSet(false, true)) {
                System.out.println("sandbox: interrupted; stopping the app, then the simulators");
                app.stop(APP_STOP_GRACE);
                targets.close();
            }
        }, "sandbox-run-stop"));
        int exitCode = app.waitForExit();
        if (!stopping.compareAndSet(false, true)) {
            return; // interrupted: the hook is stopping everything
        }
        targets.close();
        System.out.println("sandbox: the app exited with " + exitCode + "; simulators stopped");
        System.exit(exitCode);
    }

    /** slf4j-simple (in the runnable jar only) writes the simulators' lines beside the app's; -D wins. */
    private static void logSimulatorsToConsole() {
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.out");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss,SSS");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}

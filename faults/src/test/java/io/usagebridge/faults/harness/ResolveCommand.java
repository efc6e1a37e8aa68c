package io.usagebridge.faults.harness;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

/**
 * The operator's command, {@code java -jar quarkus-run.jar resolve <deliveryId> --delivered|--resend}, run in an
 * app's working folder with the same settings (so it reads the same config/ and ledger). A jar without the command
 * starts the whole app instead: that is recognised by Camel's started line and stopped at once, with every intake
 * switched off meanwhile so it cannot touch a file.
 */
public final class ResolveCommand {

    public enum Mode {
        DELIVERED("--delivered"), RESEND("--resend");

        final String flag;

        Mode(String flag) {
            this.flag = flag;
        }

        public String flag() {
            return flag;
        }
    }

    /** @param ok the command exited 0 */
    public record Result(long deliveryId, Mode mode, boolean ok, String detail) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ResolveCommand() {
    }

    public static Result run(Path jar, AppProcess app, long deliveryId, Mode mode, Path logDir) {
        List<String> command = new ArrayList<>();
        command.add(AppProcess.javaExecutable());
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(app.settings().copy().faultPoints()
                // only a safety net for a jar that ignores the command and starts the app
                .with("intake.folder.enabled", false).with("intake.sftp.enabled", false)
                .with("intake.insights.enabled", false).with("poll.start-delay-ms", 600_000)
                .asSystemProperties());
        command.add("-Dquarkus.http.port=" + FreePorts.next());
        command.add("-jar");
        command.add(jar.toString());
        command.add("resolve");
        command.add(String.valueOf(deliveryId));
        command.add(mode.flag());
        Path log = logDir.resolve("resolve-" + deliveryId + ".log");
        try {
            Process process = new ProcessBuilder(command).directory(app.workDir().toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            AppLog output = new AppLog(log);
            try {
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                        .until(() -> !process.isAlive() || output.find(AppProcess.STARTED).isPresent());
            } catch (ConditionTimeoutException e) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Result(deliveryId, mode, false, "did not end within " + TIMEOUT);
            }
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Result(deliveryId, mode, false,
                        "this jar has no resolve command: it started the app instead");
            }
            String tail = output.tail(3).replace('\n', ' ');
            return new Result(deliveryId, mode, process.exitValue() == 0,
                    "exit " + process.exitValue() + (tail.isBlank() ? "" : ": " + cut(tail, 300)));
        } catch (IOException e) {
            throw new UncheckedIOException("running resolve", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(deliveryId, mode, false, "interrupted");
        }
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

}

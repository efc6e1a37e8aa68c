package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.UsageBridgeTestSupport;

/**
 * The bad-input suite: every file under src/test/resources/bad-input/ (listed with its expected outcome, code and
 * line in cases.csv), plus a generated 10 MB single line, dropped into one running app at once. Each bad file ends
 * in failed/ byte-identical with its code (and line) in its error.json, nothing of it is sent, the good ones are
 * sent once each, and the app keeps running.
 */
class BadInputSuiteTest extends UsageBridgeTestSupport {

    private static final Path SUITE = Path.of("src/test/resources/bad-input");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Case(String file, String outcome, String code, String line) {
    }

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("usagebridge.targets", "twocheckout,zuora-usage");
        p.put("target.zuora-usage.type", "zuora-rest-usage");
        // no good Zuora case: nothing may be sent there, and nothing listens
        p.put("target.zuora-usage.base-url", "http://localhost:9");
        p.put("target.zuora-usage.client-id", "bad-input-suite");
        p.put("target.zuora-usage.client-secret", "bad-input-suite-secret");
        p.put("target.zuora-usage.inbox-folder", "zuora-usage");
        return p;
    }

    @Override
    protected List<Path> extraRouteFolders() {
        return availableRoutes("target-zuora-usage.camel.yaml");
    }

    @Test
    void everyBadFileEndsInFailedWithItsCodeAndLineAndNothingOfItIsSent() throws Exception {
        List<Case> cases = cases();
        for (Case c : cases) {
            stage(c.file(), Files.readAllBytes(SUITE.resolve(c.file())));
        }
        byte[] longLine = ("UsageStart,UsageEnd,OptionCode,Description,SubscriptionRef\n" + "x".repeat(10 << 20) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        stage("ten-megabyte-line.csv", longLine);
        // one value of 10 MB: the field cap (64 Ki characters) stops it before the record cap
        cases.add(new Case("ten-megabyte-line.csv", "FAILED", "CSV_FIELD_TOO_LONG", "2"));
        assertTrue(cases.size() >= 40, cases.size() + " cases");

        await().atMost(120, SECONDS).pollInterval(200, java.util.concurrent.TimeUnit.MILLISECONDS)
                .until(() -> cases.stream().allMatch(c -> endedIn(c.file()).isPresent()));

        List<String> wrong = new ArrayList<>();
        for (Case c : cases) {
            String outcome = endedIn(c.file()).orElseThrow();
            byte[] original = c.file().equals("ten-megabyte-line.csv") ? longLine
                    : Files.readAllBytes(SUITE.resolve(c.file()));
            Path kept = data.resolve(outcome.toLowerCase()).resolve(c.file());
            if (!outcome.equals(c.outcome())) {
                wrong.add(c.file() + ": ended " + outcome + ", expected " + c.outcome() + sidecarSays(c.file()));
                continue;
            }
            if (Files.mismatch(stagedCopy(c.file(), original), kept) != -1) {
                wrong.add(c.file() + ": the kept original differs from the dropped file");
            }
            if (c.outcome().equals("FAILED")) {
                JsonNode error = JSON.readTree(data.resolve("failed").resolve(c.file() + ".error.json").toFile());
                String message = error.get("message").asText();
                if (!error.get("code").asText().equals(c.code())) {
                    wrong.add(c.file() + ": code " + error.get("code").asText() + ", expected " + c.code() + " ("
                            + message + ")");
                } else if (!c.line().isEmpty() && !message.contains("line " + c.line())) {
                    wrong.add(c.file() + ": the message names no line " + c.line() + ": " + message);
                }
            }
        }
        assertEquals(List.of(), wrong);
        long good = cases.stream().filter(c -> c.outcome().equals("DONE")).count();
        assertEquals(good, twoCheckout.received().size(), "each good file sent once, no bad one sent");
        assertEquals(ServiceStatus.Started, context.getRouteController().getRouteStatus("intake-folder"),
                "the app keeps taking files");
    }

    private static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String row : Files.readAllLines(SUITE.resolve("cases.csv"), StandardCharsets.UTF_8)) {
            if (row.startsWith("#") || row.startsWith("file,") || row.isBlank()) {
                continue;
            }
            String[] f = row.split(",", -1);
            cases.add(new Case(f[0], f[1], f[2], f[3]));
        }
        return cases;
    }

    /** Written beside the inbox, then moved in whole, as a producer does. */
    private void stage(String name, byte[] bytes) throws IOException {
        Path staged = stagedCopy(name, bytes);
        Path target = inbox().resolve(name);
        Files.createDirectories(target.getParent());
        Files.copy(staged, target);
    }

    private Path stagedCopy(String name, byte[] bytes) throws IOException {
        Path staged = data.resolve("staging").resolve(name);
        if (!Files.exists(staged)) {
            Files.createDirectories(staged.getParent());
            Files.write(staged, bytes);
        }
        return staged;
    }

    private Optional<String> endedIn(String file) {
        for (String outcome : List.of("DONE", "FAILED", "DUPLICATE")) {
            if (Files.exists(data.resolve(outcome.toLowerCase()).resolve(file))) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }

    private String sidecarSays(String file) {
        try {
            Path sidecar = data.resolve("failed").resolve(file + ".error.json");
            return Files.exists(sidecar) ? " (" + JSON.readTree(sidecar.toFile()).get("code").asText() + ": "
                    + JSON.readTree(sidecar.toFile()).get("message").asText() + ")" : "";
        } catch (IOException e) {
            return " (" + e.getMessage() + ")";
        }
    }
}

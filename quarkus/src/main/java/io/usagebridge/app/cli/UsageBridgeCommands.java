package io.usagebridge.app.cli;

import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.QuarkusApplication;
import io.usagebridge.config.SecretFileFunction;
import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.ledger.IllegalTransitionException;
import io.usagebridge.ledger.LedgerPoolSettings;

/**
 * The jar's commands (see {@link CommandLine}), run without starting Camel: they ask the running app's API as a
 * console user; when no app answers, {@code uncertain} and {@code resolve} write the ledger directly with the same
 * configuration.
 */
public class UsageBridgeCommands implements QuarkusApplication {

    @Override
    public int run(String... args) throws Exception {
        try {
            return run(CommandLine.parse(args), System.out, System.err);
        } catch (IllegalArgumentException | IllegalStateException | IllegalTransitionException refused) {
            // refused (no such delivery, not uncertain, a role missing), or a bad argument: one line
            System.err.println("usagebridge " + args[0] + ": " + refused.getMessage());
            return 1;
        }
    }

    public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        if ("hash-password".equals(line.command())) {
            return HashPasswordCommand.run(out, err);
        }
        if ("help".equals(line.command()) || !valid(line)) {
            (line.command().equals("help") ? out : err).println(CommandLine.usage());
            return "help".equals(line.command()) ? 0 : 2;
        }
        Config config = ConfigProvider.getConfig();
        DefaultCamelContext placeholders = new DefaultCamelContext();
        placeholders.getPropertiesComponent().addPropertiesFunction(new SecretFileFunction());
        Function<String, Optional<String>> setting = key -> config.getOptionalValue(key, String.class)
                .map(placeholders::resolvePropertyPlaceholders).map(String::trim).filter(v -> !v.isEmpty());
        URI api = URI.create(setting.apply("usagebridge.api-url")
                .orElse("http://127.0.0.1:" + System.getProperty("usagebridge.cli.app-port", "8080")));
        try {
            // is an app there at all (its open health endpoint)? Only then is a login asked for
            ApiClient.probe(api);
            ApiClient client = new ApiClient(api, ApiCredentials.find(line.option("user"), setting));
            return execute(line, client, out);
        } catch (ConnectException | HttpConnectTimeoutException noApp) {
            if (!List.of("uncertain", "resolve").contains(line.command())) {
                throw new IllegalStateException("no app answers at " + api + ": " + line.command()
                        + " needs the running app");
            }
            err.println("no app answers at " + api + ": using the ledger directly");
            LedgerPoolSettings pool = LedgerPoolSettings.read(new UsageBridgeSettings(setting::apply));
            try (DirectLedgerClient direct = new DirectLedgerClient(setting.apply("ledger.url").orElseThrow(),
                    setting.apply("ledger.user").orElse(""), setting.apply("ledger.password").orElse(""), pool)) {
                return executeDirect(line, direct, out);
            }
        }
    }

    /** Checks the arguments before anything is asked (a password, the app). */
    static boolean valid(CommandLine line) {
        return switch (line.command()) {
            case "status", "uncertain", "reconcile" -> line.arguments().isEmpty();
            case "show", "replay", "stop" -> line.arguments().size() == 1;
            case "resolve" -> line.arguments().size() == 1 && line.option("delivered").isPresent()
                    != line.option("resend").isPresent();
            default -> false;
        };
    }

    static int execute(CommandLine line, ApiClient api, PrintStream out) throws Exception {
        String argument = line.arguments().isEmpty() ? null : line.arguments().get(0);
        switch (line.command()) {
            case "status" -> StatusReport.print(api.get("/api/counts"), api.get("/api/deliveries/uncertain"),
                    api.get("/api/files?limit=" + line.option("limit").orElse("10")), out);
            case "show" -> JourneyReport.print(api.get("/api/files/" + fileId(api, argument)), out);
            case "replay" -> out.println(api.post("/api/deliveries/" + number(argument) + "/replay", null)
                    .path("message").asText());
            case "stop" -> out.println(api.post("/api/mass-actions/" + ApiClient.encode(argument) + "/stop", null)
                    .path("message").asText());
            case "uncertain" -> printUncertain(uncertainLines(api.get("/api/deliveries/uncertain")), out);
            case "reconcile" -> ReconciliationReport.print(api.get("/api/reconciliation" + line.option("day")
                    .map(day -> "/" + ApiClient.encode(day)).orElse("")), line.option("csv").isPresent(), out);
            case "resolve" -> {
                JsonNode answer = api.post("/api/deliveries/" + number(argument) + "/resolve", Map.of("as",
                        line.option("delivered").isPresent() ? "delivered" : "resend", "note",
                        line.option("note").orElse("")));
                out.println("delivery " + argument + " resolved as " + answer.path("resolution").asText() + " by "
                        + answer.path("resolvedBy").asText() + ": now " + answer.path("state").asText()
                        + "; the running app moves the original on within seconds");
            }
            default -> throw new IllegalArgumentException(line.command());
        }
        return 0;
    }

    static int executeDirect(CommandLine line, DirectLedgerClient direct, PrintStream out) {
        if ("uncertain".equals(line.command())) {
            printUncertain(direct.uncertain(), out);
        } else {
            String by = line.option("by").orElse(System.getProperty("user.name", "operator"));
            out.println(direct.resolve(number(line.arguments().get(0)),
                    line.option("delivered").isPresent() ? "delivered" : "resend", by, line.option("note").orElse(null)));
        }
        return 0;
    }

    /** A file id as given, or the newest file whose hash starts with it, or whose name holds it. */
    private static long fileId(ApiClient api, String given) throws Exception {
        if (given.matches("\\d{1,18}")) {
            return Long.parseLong(given);
        }
        String query = given.matches("(?i)[0-9a-f]{8,64}") ? "hash=" : "name=";
        JsonNode found = api.get("/api/files?limit=1&" + query + ApiClient.encode(given));
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no file has the " + (query.startsWith("hash") ? "hash " : "name ")
                    + given);
        }
        return found.get(0).path("id").asLong();
    }

    private static long number(String given) {
        try {
            return Long.parseLong(given);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a delivery is given by its number, not " + given);
        }
    }

    private static List<String> uncertainLines(JsonNode deliveries) {
        return java.util.stream.StreamSupport.stream(deliveries.spliterator(), false).map(d -> UncertainLine.format(
                d.path("delivery").asLong(), d.path("target").asText(), d.path("file").asText(null),
                d.path("code").asText(null), d.path("since").asText(null), d.path("message").asText(null))).toList();
    }

    private static void printUncertain(List<String> lines, PrintStream out) {
        out.println(UncertainLine.header());
        lines.forEach(out::println);
        out.println(lines.size() + " uncertain deliveries");
    }
}

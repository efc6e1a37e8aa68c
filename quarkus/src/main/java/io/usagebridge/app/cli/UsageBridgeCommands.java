package io.usagebridge.app.cli;

import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.util.List;
import java.util.Optional;

import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.QuarkusApplication;
import io.usagebridge.config.SecretFileFunction;
import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.ledger.IllegalTransitionException;
import io.usagebridge.ledger.LedgerPoolSettings;

/**
 * The jar's commands (see {@link CommandLine}), run without starting Camel: they ask the running app's API, and
 * when no app answers, write the ledger directly with the same configuration.
 */
public class UsageBridgeCommands implements QuarkusApplication {

    @Override
    public int run(String... args) throws Exception {
        try {
            return run(CommandLine.parse(args), System.out, System.err);
        } catch (IllegalArgumentException | IllegalStateException | IllegalTransitionException refused) {
            // not resolvable (no such delivery, not uncertain, resolved already), or a bad argument: one line
            System.err.println("usagebridge " + args[0] + ": " + refused.getMessage());
            return 1;
        }
    }

    public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        Config config = ConfigProvider.getConfig();
        DefaultCamelContext placeholders = new DefaultCamelContext();
        placeholders.getPropertiesComponent().addPropertiesFunction(new SecretFileFunction());
        URI api = URI.create(config.getOptionalValue("usagebridge.api-url", String.class)
                .orElse("http://127.0.0.1:" + System.getProperty("usagebridge.cli.app-port", "8080")));
        Optional<String> token = config.getOptionalValue("usagebridge.api.operator-token", String.class)
                .map(placeholders::resolvePropertyPlaceholders).filter(t -> !t.isBlank());
        try {
            return execute(line, new ApiLedgerClient(api, token), out, err);
        } catch (ConnectException | HttpConnectTimeoutException noApp) {
            err.println("no app answers at " + api + ": using the ledger directly");
            String url = placeholders.resolvePropertyPlaceholders(config.getValue("ledger.url", String.class));
            String user = placeholders.resolvePropertyPlaceholders(config.getOptionalValue("ledger.user",
                    String.class).orElse(""));
            String password = placeholders.resolvePropertyPlaceholders(config.getOptionalValue("ledger.password",
                    String.class).orElse(""));
            // the app's pool settings too: a database that is down fails the command within the same timeout
            LedgerPoolSettings pool = LedgerPoolSettings.read(new UsageBridgeSettings(key -> config
                    .getOptionalValue(key, String.class).map(placeholders::resolvePropertyPlaceholders)
                    .map(String::trim).filter(v -> !v.isEmpty())));
            try (DirectLedgerClient direct = new DirectLedgerClient(url, user, password, pool)) {
                return execute(line, direct, out, err);
            }
        }
    }

    static int execute(CommandLine line, LedgerClient client, PrintStream out, PrintStream err) throws Exception {
        switch (line.command()) {
            case "uncertain" -> {
                List<String> lines = client.uncertain();
                out.println(UncertainLine.header());
                lines.forEach(out::println);
                out.println(lines.size() + " uncertain deliveries");
                return 0;
            }
            case "resolve" -> {
                boolean delivered = line.option("delivered").isPresent();
                boolean resend = line.option("resend").isPresent();
                if (line.arguments().size() != 1 || delivered == resend) {
                    err.println(CommandLine.usage());
                    return 2;
                }
                long delivery = Long.parseLong(line.arguments().get(0));
                String by = line.option("by").orElse(System.getProperty("user.name", "operator"));
                out.println(client.resolve(delivery, delivered ? "delivered" : "resend", by,
                        line.option("note").orElse(null)));
                return 0;
            }
            default -> {
                out.println(CommandLine.usage());
                return "help".equals(line.command()) ? 0 : 2;
            }
        }
    }
}

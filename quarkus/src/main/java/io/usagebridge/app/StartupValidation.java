package io.usagebridge.app;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.camel.quarkus.main.events.BeforeConfigure;

import io.usagebridge.app.security.ConsoleConfig;
import io.usagebridge.app.security.ConsoleUsersCheck;
import io.usagebridge.plugin.TargetPlugins;
import io.usagebridge.startup.StartupChecks;

/**
 * Before Camel loads a route, the configuration is checked as a whole (see StartupChecks). A start that cannot
 * work is refused with one line per problem, naming the key or the file, and exit code 2: no stack trace.
 */
@ApplicationScoped
public class StartupValidation {

    static final int REFUSED = 2;

    @Inject
    ConsoleConfig console;

    void check(@Observes BeforeConfigure event) {
        List<String> problems = new ArrayList<>(StartupChecks.run(event.getCamelContext(), TargetPlugins.discover()));
        problems.addAll(ConsoleUsersCheck.problems(console.users()));
        if (problems.isEmpty()) {
            return;
        }
        problems.forEach(problem -> System.err.println("UsageBridge cannot start: " + problem));
        System.err.flush();
        // nothing has started yet: no work, no lease, no file to leave behind
        Runtime.getRuntime().halt(REFUSED);
    }
}

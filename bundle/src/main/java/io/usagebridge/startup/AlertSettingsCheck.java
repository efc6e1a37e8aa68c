package io.usagebridge.startup;

import java.util.ArrayList;
import java.util.List;

import io.usagebridge.alerts.MailAlertSender;
import io.usagebridge.alerts.schedule.FileSchedules;
import io.usagebridge.config.UsageBridgeSettings;

/**
 * Alert settings that cannot work: mail asked for ({@code alerts.mail.to}) without a server or a sender, a port that
 * is no number, a login without its password; and every malformed schedule, each naming its key.
 */
final class AlertSettingsCheck {

    private AlertSettingsCheck() {
    }

    static List<String> problems(UsageBridgeSettings settings) {
        List<String> problems = new ArrayList<>();
        if (settings.get(MailAlertSender.TO_KEY).isPresent()) {
            for (String key : List.of("alerts.mail.host", "alerts.mail.from")) {
                if (settings.get(key).isEmpty()) {
                    problems.add(key + " is missing: " + MailAlertSender.TO_KEY + " asks for alerts by mail");
                }
            }
            String port = settings.get("alerts.mail.port", "587");
            if (!port.matches("\\d{1,5}")) {
                problems.add("alerts.mail.port = " + port + ": not a port number");
            }
            if (settings.get("alerts.mail.username").isPresent()) {
                try {
                    if (settings.get("alerts.mail.password").isEmpty()) {
                        problems.add("alerts.mail.password is empty: alerts.mail.username logs in with it");
                    }
                } catch (RuntimeException unresolved) {
                    // the reference did not resolve (an env var unset): say which key, never a value
                    problems.add("alerts.mail.password does not resolve (" + unresolved.getClass().getSimpleName()
                            + "): set the variable or file it refers to");
                }
            }
        }
        FileSchedules.read(settings, problems);
        return problems;
    }
}

package io.usagebridge.app.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configured console users, checked before the app starts: a hash that is not one (a password pasted in
 * plain, a cut value) or a role that does not exist would otherwise only show as a refused login. The value itself
 * is never repeated.
 */
public final class ConsoleUsersCheck {

    private static final Set<String> ROLES = Set.of(ConsoleRoles.VIEWER, ConsoleRoles.OPERATOR);

    private ConsoleUsersCheck() {
    }

    public static List<String> problems(Map<String, ConsoleConfig.User> users) {
        List<String> problems = new ArrayList<>();
        users.forEach((name, user) -> {
            String key = "usagebridge.console.users." + name;
            try {
                PasswordHash.parse(user.passwordHash());
            } catch (IllegalArgumentException e) {
                problems.add(key + ".password-hash: " + e.getMessage());
            }
            user.roles().stream().map(String::trim).filter(role -> !ROLES.contains(role)).forEach(role ->
                    problems.add(key + ".roles: " + role + " is not a role (viewer, operator)"));
        });
        return problems;
    }
}

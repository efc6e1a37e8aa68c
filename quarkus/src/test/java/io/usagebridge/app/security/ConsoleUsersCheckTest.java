package io.usagebridge.app.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A user whose hash is not one, or whose role does not exist, refuses the start with the key, not the value. */
class ConsoleUsersCheckTest {

    private static ConsoleConfig.User user(String hash, String... roles) {
        return new ConsoleConfig.User() {
            @Override
            public String passwordHash() {
                return hash;
            }

            @Override
            public List<String> roles() {
                return List.of(roles);
            }
        };
    }

    @Test
    void wellFormedUsersPass() {
        String hash = PasswordHash.hash("a-long-password".toCharArray(), 10_000);
        assertEquals(List.of(), ConsoleUsersCheck.problems(Map.of("alice", user(hash, "operator"),
                "bob", user(hash, "viewer"))));
    }

    @Test
    void aPlainPasswordAndAnUnknownRoleAreNamedByKeyWithoutTheValue() {
        List<String> problems = ConsoleUsersCheck.problems(Map.of("alice", user("hunter2-in-plain", "admin")));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("usagebridge.console.users.alice.password-hash: "), problems.get(0));
        assertTrue(problems.get(1).contains("admin is not a role"), problems.get(1));
        assertFalse(problems.toString().contains("hunter2"), "the value is never repeated");
    }
}

package io.usagebridge.sandbox.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxProfileTest {

    @TempDir
    Path dir;

    @Test
    void sandboxLineWinsOverThePlainKeyBesideIt() throws Exception {
        SandboxProfile profile = profile("""
                usagebridge.targets = twocheckout
                %sandbox.usagebridge.targets = twocheckout, zuora-usage
                intake.folder.dir = data/inbox
                """);
        assertEquals(List.of("twocheckout", "zuora-usage"), profile.list("usagebridge.targets"));
        assertEquals("data/inbox", profile.require("intake.folder.dir"), "a plain key without a sandbox line");
        assertEquals(Optional.empty(), profile.get("target.zuora.type"));
    }

    @Test
    void aRealAccountReferenceIsRefusedSoNoSecretReachesASimulator() throws Exception {
        SandboxProfile profile = profile("""
                target.twocheckout.secret-key = {{env:TWOCHECKOUT_SECRET_KEY}}
                """);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> profile.require("target.twocheckout.secret-key"));
        assertTrue(refused.getMessage().contains("%sandbox.target.twocheckout.secret-key"), refused.getMessage());
    }

    @Test
    void aMissingKeyNamesTheSandboxLineToAdd() throws Exception {
        SandboxProfile profile = profile("");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> profile.require("usagebridge.sandbox.data-dir"));
        assertTrue(refused.getMessage().contains("%sandbox.usagebridge.sandbox.data-dir"), refused.getMessage());
    }

    @Test
    void readsTheProjectsOwnConfiguration() throws Exception {
        SandboxProfile profile = SandboxProfile.read(Path.of("../config/application.properties"));
        assertEquals("data/sandbox", profile.require("usagebridge.sandbox.data-dir"));
        assertEquals(List.of("twocheckout", "zuora-usage", "zuora-revenue", "zuora", "insights", "billing-receiver"),
                profile.list("usagebridge.targets"));
    }

    private SandboxProfile profile(String text) throws Exception {
        Path file = dir.resolve("application.properties");
        Files.writeString(file, text);
        return SandboxProfile.read(file);
    }
}

package io.usagebridge.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KarafSettingsTest {

    private static final Path ETC = Path.of("/opt/karaf/etc");

    @Test
    void anEmptyConfigurationReadsRoutesFromKarafsEtcWithReloadOnTheProjectFileAsBase() {
        KarafSettings settings = KarafSettings.from(Map.of("service.pid", "io.usagebridge"), ETC);

        assertEquals(List.of(Path.of("/opt/karaf/etc/usagebridge/routes")), settings.routeFolders());
        assertTrue(settings.routesReload());
        assertEquals("classpath:usagebridge/application.properties", settings.baseProperties());
        assertEquals(new HttpEndpointSettings(true, "0.0.0.0", 8080), settings.http(), "Quarkus' port, every interface");
    }

    @Test
    void healthEndpointKeysSetWhereTheEndpointsListen() {
        KarafSettings settings = KarafSettings.from(Map.of("health.http.host", " 127.0.0.1 ", "health.http.port",
                "9180", "health.http.enabled", "false"), ETC);

        assertEquals(new HttpEndpointSettings(false, "127.0.0.1", 9180), settings.http());
    }

    @Test
    void userKeysBecomeOverridesAndConfigAdminBookkeepingDoesNot() {
        KarafSettings settings = KarafSettings.from(Map.of(
                "service.pid", "io.usagebridge",
                "component.id", 3L,
                "felix.fileinstall.filename", "file:/opt/karaf/etc/io.usagebridge.cfg",
                "usagebridge.routes-dirs", "/srv/routes, /srv/more-routes",
                "usagebridge.routes-reload", "false",
                "target.twocheckout.secret-key", "{{env:TWOCHECKOUT_SECRET_KEY}}"), ETC);

        assertEquals(List.of(Path.of("/srv/routes"), Path.of("/srv/more-routes")), settings.routeFolders());
        assertFalse(settings.routesReload());
        assertEquals("{{env:TWOCHECKOUT_SECRET_KEY}}", settings.overrides().getProperty("target.twocheckout.secret-key"));
        assertNull(settings.overrides().getProperty("service.pid"));
        assertNull(settings.overrides().getProperty("component.id"));
        assertNull(settings.overrides().getProperty("felix.fileinstall.filename"));
    }
}

package io.usagebridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Deployment that {@code mvn package} generated (target/kubernetes/kubernetes.json, the same resources as
 * kubernetes.yml) runs several replicas on a shared ledger: probes on the health endpoints, every secret by
 * reference, every variable a key of config/application.properties. Runs after package (failsafe).
 */
class KubernetesManifestIT {

    private static final Path MANIFEST = Path.of("target/kubernetes/kubernetes.json");
    private static final Path CONFIG = Path.of("../config/application.properties");
    /** Quarkus' Jib working directory (quarkus.jib.working-directory left at its default): config/ and routes/ go below. */
    private static final String WORKING_DIR = "/home/jboss";
    /** Variables the Kubernetes extension adds on its own. */
    private static final Set<String> ADDED_BY_QUARKUS = Set.of("KUBERNETES_NAMESPACE");

    private static JsonNode deployment;
    private static JsonNode container;
    private static String configText;
    private static Properties config;

    @BeforeAll
    static void readManifest() throws IOException {
        assertTrue(Files.exists(MANIFEST), MANIFEST.toAbsolutePath() + " missing: it is written by `mvn package`");
        JsonNode resources = new ObjectMapper().readTree(MANIFEST.toFile());
        deployment = StreamSupport.stream(resources.spliterator(), false)
                .filter(r -> "Deployment".equals(r.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment in " + MANIFEST));
        container = deployment.at("/spec/template/spec/containers/0");
        configText = Files.readString(CONFIG);
        config = new Properties();
        try (Reader in = Files.newBufferedReader(CONFIG)) {
            config.load(in);
        }
    }

    @Test
    void severalReplicasRunFromTheProjectsConfiguration() {
        // replicas: 1 here means the build did not read config/application.properties (it reads it from the
        // working directory): build from the repository root
        assertTrue(deployment.at("/spec/replicas").asInt() > 1,
                "replicas " + deployment.at("/spec/replicas") + ": build from the repository root");
    }

    @Test
    void probesUseTheHealthEndpoints() {
        assertProbe("livenessProbe", "/q/health/live");
        assertProbe("readinessProbe", "/q/health/ready");
        assertProbe("startupProbe", "/q/health/started");
    }

    @Test
    void ledgerAndSftpSecretsComeFromSecrets() {
        assertFromSecret("LEDGER_URL", "usagebridge-ledger", "url");
        assertFromSecret("LEDGER_USER", "usagebridge-ledger", "user");
        assertFromSecret("LEDGER_PASSWORD", "usagebridge-ledger", "password");
        assertFromSecret("SFTP_PASSWORD", "usagebridge-sftp", "password");
        assertFromSecret("TWOCHECKOUT_SECRET_KEY", "usagebridge-twocheckout", "secret-key");
        assertEquals("true", env("INTAKE_SFTP_ENABLED").path("value").asText());
    }

    @Test
    void knownHostsIsTheFileMountedFromTheSftpSecret() {
        Path knownHosts = Path.of(env("SFTP_KNOWN_HOSTS").path("value").asText());
        JsonNode mount = mountAt(knownHosts.getParent().toString());
        JsonNode volume = volume(mount.path("name").asText());
        assertEquals("usagebridge-sftp", volume.at("/secret/secretName").asText());
        boolean itemThere = StreamSupport.stream(volume.at("/secret/items").spliterator(), false)
                .anyMatch(item -> "known_hosts".equals(item.path("key").asText())
                        && knownHosts.getFileName().toString().equals(item.path("path").asText()));
        assertTrue(itemThere, "known_hosts is not an item of " + volume);
    }

    @Test
    void configAndRoutesAreMountedWhereTheAppReadsThem() {
        assertEquals("usagebridge-config",
                volume(mountAt(WORKING_DIR + "/config").path("name").asText()).at("/configMap/name").asText());
        assertEquals("usagebridge-routes",
                volume(mountAt(WORKING_DIR + "/routes").path("name").asText()).at("/configMap/name").asText());
        assertTrue(volume(mountAt(WORKING_DIR + "/data").path("name").asText()).has("emptyDir"));
    }

    @Test
    void noSecretIsWrittenIntoTheManifest() {
        for (JsonNode e : container.path("env")) {
            String name = e.path("name").asText();
            if (name.contains("PASSWORD") || name.contains("SECRET")) {
                assertFalse(e.has("value"), name + " has a literal value in the manifest");
            }
        }
    }

    @Test
    void everyVariableIsAConfigurationKeyOrReference() {
        // a misspelt variable would be ignored silently by the app: each must name a key or an {{env:NAME}}
        List<String> unknown = new ArrayList<>();
        for (JsonNode e : container.path("env")) {
            String name = e.path("name").asText();
            boolean referenced = configText.contains("{{env:" + name + "}}") || configText.contains("{{env:" + name + ":");
            if (!ADDED_BY_QUARKUS.contains(name) && !referenced
                    && config.stringPropertyNames().stream().noneMatch(key -> asVariable(key).equals(name))) {
                unknown.add(name);
            }
        }
        assertEquals(List.of(), unknown, "variables that no key of " + CONFIG + " reads");
    }

    /** MicroProfile Config's environment name of a key: ledger.url is LEDGER_URL. */
    private static String asVariable(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static void assertProbe(String probe, String path) {
        JsonNode httpGet = container.path(probe).path("httpGet");
        assertEquals(path, httpGet.path("path").asText(), probe);
        assertEquals(8080, httpGet.path("port").asInt(), probe);
    }

    private static void assertFromSecret(String variable, String secret, String key) {
        JsonNode ref = env(variable).at("/valueFrom/secretKeyRef");
        assertEquals(secret, ref.path("name").asText(), variable);
        assertEquals(key, ref.path("key").asText(), variable);
    }

    private static JsonNode env(String name) {
        for (JsonNode e : container.path("env")) {
            if (name.equals(e.path("name").asText())) {
                return e;
            }
        }
        return fail("no variable " + name + " in the Deployment");
    }

    private static JsonNode mountAt(String path) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (path.equals(m.path("mountPath").asText())) {
                return m;
            }
        }
        return fail("nothing mounted at " + path);
    }

    private static JsonNode volume(String name) {
        for (JsonNode v : deployment.at("/spec/template/spec/volumes")) {
            if (name.equals(v.path("name").asText())) {
                return v;
            }
        }
        return fail("no volume " + name);
    }
}

package io.usagebridge.karaf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.camel.CamelContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/**
 * UsageBridge on Karaf: a Declarative Services component that runs the Camel context while its configuration (PID
 * {@code io.usagebridge}, Karaf's etc/io.usagebridge.cfg) exists. A changed configuration deactivates and activates
 * it again, so the context restarts with the new values without restarting Karaf or the bundle. The health and
 * metrics endpoints live as long as one activation: they answer (DOWN) while the context starts, and a new
 * activation gets a new meter registry, so no gauge keeps reading a closed context's ledger.
 */
@Component(name = KarafSettings.PID, configurationPid = KarafSettings.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, service = {})
public class UsageBridgeComponent {

    private static final Logger LOG = LoggerFactory.getLogger(UsageBridgeComponent.class);

    /** Set once started: the health endpoints read it from their own threads. */
    private volatile CamelContext context;
    private HealthAndMetricsServer endpoints;
    private PrometheusMeterRegistry meters;

    @Activate
    void activate(Map<String, Object> config) throws Exception {
        KarafSettings settings = KarafSettings.from(config, Path.of(System.getProperty("karaf.etc", "etc")));
        LOG.info("Starting UsageBridge: routes from {}, base configuration {}, reload {}", settings.routeFolders(),
                settings.baseProperties(), settings.routesReload() ? "on" : "off");
        for (Path folder : settings.routeFolders()) {
            if (!Files.isDirectory(folder)) {
                LOG.warn("Route folder {} does not exist: no route files from it (copy routes/*.camel.yaml there)",
                        folder);
            }
        }
        meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try {
            if (settings.http().enabled()) {
                endpoints = HealthAndMetricsServer.start(settings.http(), new HealthGroups(() -> context), meters);
            }
            context = withBundleClassLoader(() -> {
                CamelContext started = UsageBridgeContextAssembler.assemble(settings, bundleClassLoader(), meters);
                try {
                    started.start();
                } catch (Exception | Error e) {
                    started.close();
                    throw e;
                }
                return started;
            });
        } catch (Exception | Error e) {
            closeEndpoints();
            closeMeters();
            throw e;
        }
        LOG.info("UsageBridge started: {} routes", context.getRoutesSize());
    }

    @Deactivate
    void deactivate() throws Exception {
        closeEndpoints();
        if (context != null) {
            CamelContext stopping = context;
            context = null;
            withBundleClassLoader(() -> {
                stopping.close();
                return null;
            });
            LOG.info("UsageBridge stopped");
        }
        closeMeters();
    }

    private void closeEndpoints() {
        if (endpoints != null) {
            endpoints.close();
            endpoints = null;
        }
    }

    /** After the context: its routes count until they have stopped. */
    private void closeMeters() {
        if (meters != null) {
            meters.close();
            meters = null;
        }
    }

    /** Libraries that look at the thread's class loader (Camel, CXF, Jackson) must see the embedded jars. */
    private static <T> T withBundleClassLoader(Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(bundleClassLoader());
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static ClassLoader bundleClassLoader() {
        return UsageBridgeComponent.class.getClassLoader();
    }
}

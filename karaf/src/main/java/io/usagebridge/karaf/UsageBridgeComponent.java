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

/**
 * UsageBridge on Karaf: a Declarative Services component that runs the Camel context while its configuration (PID
 * {@code io.usagebridge}, Karaf's etc/io.usagebridge.cfg) exists. A changed configuration deactivates and activates
 * it again, so the context restarts with the new values without restarting Karaf or the bundle.
 */
@Component(name = KarafSettings.PID, configurationPid = KarafSettings.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, service = {})
public class UsageBridgeComponent {

    private static final Logger LOG = LoggerFactory.getLogger(UsageBridgeComponent.class);

    private CamelContext context;

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
        context = withBundleClassLoader(() -> {
            CamelContext started = UsageBridgeContextAssembler.assemble(settings, bundleClassLoader());
            try {
                started.start();
            } catch (Exception | Error e) {
                started.close();
                throw e;
            }
            return started;
        });
        LOG.info("UsageBridge started: {} routes", context.getRoutesSize());
    }

    @Deactivate
    void deactivate() throws Exception {
        if (context != null) {
            CamelContext stopping = context;
            context = null;
            withBundleClassLoader(() -> {
                stopping.close();
                return null;
            });
            LOG.info("UsageBridge stopped");
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

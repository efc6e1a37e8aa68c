package io.usagebridge.karaf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import io.micrometer.core.instrument.MeterRegistry;

import io.usagebridge.route.RouteFileLoader;

/**
 * Builds the same application Quarkus runs, by hand (there is no camel-main on Karaf): the base configuration with
 * the Karaf settings on top, the route bundle's Java builders, then the user's route files, then the templated
 * routes those files make (what camel-main does after adding routes), and a watcher per route folder.
 */
final class UsageBridgeContextAssembler {

    static final String CONTEXT_NAME = "usagebridge";

    /** The name the route bundle's wiring looks its meter registry up by (Quarkus binds its own under it). */
    static final String METER_REGISTRY = "usageBridgeMeterRegistry";

    private UsageBridgeContextAssembler() {
    }

    /**
     * A context ready to start; {@code loader} sees the route bundle and Camel (in OSGi: this bundle's); the
     * bundle's meters are registered in {@code meters}.
     */
    static CamelContext assemble(KarafSettings settings, ClassLoader loader, MeterRegistry meters) throws Exception {
        // built after the name and loader are set: Camel finds its components, languages and the YAML loader
        // through this loader's META-INF/services, and names its threads after the context
        DefaultCamelContext context = new DefaultCamelContext(false);
        try {
            context.getCamelContextExtension().setName(CONTEXT_NAME);
            context.setApplicationContextClassLoader(loader);
            context.build();
            context.getPropertiesComponent().setLocation(settings.baseProperties());
            context.getPropertiesComponent().setOverrideProperties(settings.overrides());
            context.getRegistry().bind(METER_REGISTRY, meters);

            List<RoutesBuilder> builders = new ArrayList<>(IndexedRouteBuilders.create(loader));
            builders.addAll(RouteFileLoader.builders(context, settings.routeFolders()));
            for (RoutesBuilder builder : builders) {
                context.addRoutes(builder);
            }
            for (RoutesBuilder builder : builders) {
                builder.addTemplatedRoutesToCamelContext(context);
            }
            if (settings.routesReload()) {
                for (Path folder : settings.routeFolders()) {
                    context.addService(new RouteFolderReloadStrategy(folder));
                }
            }
            return context;
        } catch (Exception | Error e) {
            context.close();
            throw e;
        }
    }
}

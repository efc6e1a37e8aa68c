package io.usagebridge.karaf;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.RouteConfigurationsBuilder;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Karaf has no camel-main to set up route reloading: this watches one route folder and, when a {@code *.camel.yaml}
 * is added or changed, replaces the routes that file defines, templated routes (targets) included. Only that file's
 * routes change: the bundle's Java routes and templates and the other files' routes run on. Camel's own strategy
 * either removes every route and template first ({@code removeAllRoutes}, which would drop the Java ones) or skips
 * templated routes. A deleted file's routes keep running until the context restarts.
 */
final class RouteFolderReloadStrategy extends RouteWatcherReloadStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFolderReloadStrategy.class);

    RouteFolderReloadStrategy(Path folder) {
        super(folder.toAbsolutePath().toString(), false);
        setPattern("*.camel.yaml");
        setRemoveAllRoutes(false);
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        if (resources == null) {
            return; // a properties change: not watched here (the Karaf config file restarts the context instead)
        }
        for (Resource resource : resources) {
            if (!resource.exists()) {
                LOG.warn("Route file {} was removed: its routes run on until the context restarts",
                        resource.getLocation());
                continue;
            }
            try {
                Set<String> ids = replaceRoutesOf(getCamelContext(), resource);
                LOG.info("Route file {} reloaded: routes {}", resource.getLocation(), ids);
            } catch (Exception e) {
                throw RuntimeCamelException.wrapRuntimeCamelException(e);
            }
        }
    }

    static Set<String> replaceRoutesOf(CamelContext context, Resource resource) throws Exception {
        Set<String> ids = new LinkedHashSet<>();
        Collection<RoutesBuilder> builders = PluginHelper.getRoutesLoader(context).findRoutesBuilders(List.of(resource));
        for (RoutesBuilder builder : builders) {
            if (builder instanceof RouteConfigurationsBuilder configurations) {
                configurations.updateRouteConfigurationsToCamelContext(context);
            }
        }
        for (RoutesBuilder builder : builders) {
            ids.addAll(builder.updateRoutesToCamelContext(context));
            if (builder instanceof RouteBuilder routeBuilder) {
                // updateRoutesToCamelContext leaves templated routes alone: replace them by route id
                for (TemplatedRouteDefinition templated : routeBuilder.getTemplatedRouteCollection().getTemplatedRoutes()) {
                    String id = templated.getRouteId();
                    if (id != null && context.getRoute(id) != null) {
                        context.getRouteController().stopRoute(id);
                        context.removeRoute(id);
                    }
                    ids.add(id != null ? id : templated.getRouteTemplateRef());
                }
                routeBuilder.addTemplatedRoutesToCamelContext(context);
            }
        }
        return ids;
    }
}

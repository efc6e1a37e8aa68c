package io.usagebridge.route;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Loads the user's route files ({@code *.camel.yaml}) from a folder outside the jar, for runtimes without
 * camel-main's routes-include-pattern (Karaf, tests). Files load in name order.
 */
public final class RouteFileLoader {

    private RouteFileLoader() {
    }

    public static Collection<RoutesBuilder> builders(CamelContext context, List<Path> folders) throws Exception {
        List<Resource> resources = new ArrayList<>();
        for (Path folder : folders) {
            for (Path file : routeFiles(folder)) {
                resources.add(ResourceHelper.resolveMandatoryResource(context, "file:" + file.toAbsolutePath()));
            }
        }
        return PluginHelper.getRoutesLoader(context).findRoutesBuilders(resources);
    }

    static List<Path> routeFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }
}

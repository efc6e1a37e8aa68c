package io.usagebridge.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.apache.camel.RoutesBuilder;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.IndexReader;

/**
 * The target plug-ins of this run: every {@link TargetPlugin} in the route bundle's Jandex index (the index Quarkus
 * and Karaf read, written by the build: a new plug-in package is found with no list to keep), and any an extension
 * jar declares with {@link ServiceLoader}.
 */
public final class TargetPlugins {

    /** Where the bundle's jandex-maven-plugin writes the index. */
    public static final String INDEX = "META-INF/jandex.idx";

    private final List<TargetPlugin> plugins;

    private TargetPlugins(List<TargetPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    public static TargetPlugins discover() {
        ClassLoader loader = TargetPlugin.class.getClassLoader();
        Map<Class<?>, TargetPlugin> found = new LinkedHashMap<>();
        try {
            for (Class<? extends TargetPlugin> type : indexed(loader)) {
                found.put(type, type.getConstructor().newInstance());
            }
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("cannot read the target plug-ins from the route bundle's index: "
                    + e.getMessage(), e);
        }
        for (TargetPlugin plugin : ServiceLoader.load(TargetPlugin.class, loader)) {
            found.putIfAbsent(plugin.getClass(), plugin);
        }
        return new TargetPlugins(new ArrayList<>(found.values()));
    }

    public List<TargetPlugin> all() {
        return plugins;
    }

    public List<TargetType> types() {
        return plugins.stream().flatMap(p -> p.types().stream()).toList();
    }

    public List<String> migrations() {
        return plugins.stream().flatMap(p -> p.migrations().stream()).distinct().toList();
    }

    public List<String> leasedTables() {
        return plugins.stream().flatMap(p -> p.leasedTables().stream()).distinct().toList();
    }

    public List<Class<? extends RoutesBuilder>> routes() {
        return plugins.stream().flatMap(p -> p.routes().stream()).distinct().toList();
    }

    /** Concrete TargetPlugin classes of the index beside this class (not another library's index). */
    private static List<Class<? extends TargetPlugin>> indexed(ClassLoader loader)
            throws IOException, ClassNotFoundException {
        Index index = bundleIndex(loader);
        if (index == null) {
            return List.of();
        }
        List<Class<? extends TargetPlugin>> found = new ArrayList<>();
        for (ClassInfo info : index.getAllKnownImplementors(DotName.createSimple(TargetPlugin.class.getName()))) {
            if (Modifier.isAbstract(info.flags()) || Modifier.isInterface(info.flags())) {
                continue;
            }
            found.add(Class.forName(info.name().toString(), false, loader).asSubclass(TargetPlugin.class));
        }
        found.sort(Comparator.comparing(Class::getName));
        return found;
    }

    private static Index bundleIndex(ClassLoader loader) throws IOException {
        String classFile = TargetPlugin.class.getName().replace('.', '/') + ".class";
        URL classUrl = loader.getResource(classFile);
        if (classUrl == null) {
            return null;
        }
        String root = classUrl.toString().substring(0, classUrl.toString().length() - classFile.length());
        for (URL url : Collections.list(loader.getResources(INDEX))) {
            if (url.toString().equals(root + INDEX)) {
                try (InputStream in = url.openStream()) {
                    return new IndexReader(in).read();
                }
            }
        }
        return null;
    }
}

package io.usagebridge.karaf;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import org.apache.camel.RoutesBuilder;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.Index;
import org.jboss.jandex.IndexReader;

import io.usagebridge.route.UsageBridgeWiring;

/**
 * The route bundle's RouteBuilders, found the way Camel Quarkus finds them: every concrete class of its Jandex
 * index that is a {@link RoutesBuilder} with a public no-argument constructor. A new target type in bundle/ is
 * picked up on Karaf as on Quarkus, with no list to keep in step. The wiring (it binds the beans) comes first.
 */
final class IndexedRouteBuilders {

    /** Where bundle/'s jandex-maven-plugin writes the index; the route bundle is inlined at this bundle's root. */
    static final String INDEX = "META-INF/jandex.idx";

    private static final String PACKAGE = "io.usagebridge.";

    private IndexedRouteBuilders() {
    }

    static List<RoutesBuilder> create(ClassLoader loader) throws Exception {
        List<Class<? extends RoutesBuilder>> types = find(loader);
        List<RoutesBuilder> builders = new ArrayList<>();
        for (Class<? extends RoutesBuilder> type : types) {
            builders.add(type.getConstructor().newInstance());
        }
        return builders;
    }

    static List<Class<? extends RoutesBuilder>> find(ClassLoader loader) throws IOException, ClassNotFoundException {
        List<Class<? extends RoutesBuilder>> found = new ArrayList<>();
        for (ClassInfo info : readIndex(loader).getKnownClasses()) {
            String name = info.name().toString();
            if (!name.startsWith(PACKAGE) || Modifier.isAbstract(info.flags()) || Modifier.isInterface(info.flags())) {
                continue;
            }
            Class<?> type = Class.forName(name, false, loader);
            if (RoutesBuilder.class.isAssignableFrom(type) && instantiable(type)) {
                found.add(type.asSubclass(RoutesBuilder.class));
            }
        }
        found.sort(Comparator.<Class<?>, Boolean>comparing(t -> t != UsageBridgeWiring.class)
                .thenComparing(Class::getName));
        return found;
    }

    /** The index that sits beside UsageBridgeWiring, not another library's that comes first on the class path. */
    private static Index readIndex(ClassLoader loader) throws IOException {
        String classFile = UsageBridgeWiring.class.getName().replace('.', '/') + ".class";
        URL classUrl = loader.getResource(classFile);
        if (classUrl == null) {
            throw new IllegalStateException(classFile + " not found by " + loader);
        }
        String root = classUrl.toString().substring(0, classUrl.toString().length() - classFile.length());
        for (URL index : Collections.list(loader.getResources(INDEX))) {
            if (index.toString().equals(root + INDEX)) {
                try (InputStream in = index.openStream()) {
                    return new IndexReader(in).read();
                }
            }
        }
        throw new IllegalStateException("the route bundle's " + INDEX + " not found at " + root);
    }

    private static boolean instantiable(Class<?> type) {
        if (type.isAnonymousClass() || type.isLocalClass()
                || (type.isMemberClass() && !Modifier.isStatic(type.getModifiers()))
                || !Modifier.isPublic(type.getModifiers())) {
            return false;
        }
        for (Constructor<?> c : type.getConstructors()) {
            if (c.getParameterCount() == 0) {
                return true;
            }
        }
        return false;
    }
}

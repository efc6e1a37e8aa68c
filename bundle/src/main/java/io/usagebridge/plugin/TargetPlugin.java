package io.usagebridge.plugin;

import java.util.List;

import org.apache.camel.RoutesBuilder;

/**
 * One target plug-in: a package that brings its target types, their routes, the beans those routes name, its own
 * ledger tables and failure codes. The core finds plug-ins by itself (see {@link TargetPlugins}) and names none:
 * adding a target type is adding a package.
 */
public interface TargetPlugin {

    /** The target types this plug-in brings (a type is what {@code target.<id>.type} names). */
    List<TargetType> types();

    /**
     * Its RouteBuilders (route templates and shared routes). Quarkus and Karaf find them in the bundle's index;
     * runtimes without one (plain Camel, tests) add these.
     */
    List<Class<? extends RoutesBuilder>> routes();

    /** Binds the beans its routes name; called once at start, whether or not one of its targets is configured. */
    default void bind(TargetServices services) {
    }

    /** Its own ledger tables: Flyway locations applied with the core's (e.g. {@code classpath:db/insights}). */
    default List<String> migrations() {
        return List.of();
    }

    /** Its own tables whose rows hold leases in {@code claimed_by} / {@code lease_until}: renewed with the core's. */
    default List<String> leasedTables() {
        return List.of();
    }
}

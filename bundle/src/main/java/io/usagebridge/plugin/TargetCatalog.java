package io.usagebridge.plugin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.usagebridge.csv.CsvContract;
import io.usagebridge.config.TargetConfig;
import io.usagebridge.config.UsageBridgeSettings;

/** The configured targets ({@code usagebridge.targets}) and the types they are instances of. */
public final class TargetCatalog {

    private final Map<String, TargetConfig> targets;
    private final Map<String, TargetType> types;
    /** Built once per target: a contract reads its options from the configuration, which costs per lookup. */
    private final Map<String, CsvContract> contracts = new ConcurrentHashMap<>();

    public TargetCatalog(Map<String, TargetConfig> targets, Map<String, TargetType> types) {
        this.targets = targets;
        this.types = types;
        for (TargetConfig t : targets.values()) {
            if (!types.containsKey(t.type())) {
                throw new IllegalStateException("target." + t.id() + ".type = " + t.type() + " is not a known target "
                        + "type; known: " + types.keySet());
            }
            types.get(t.type()).validate(t);
        }
    }

    public static TargetCatalog read(UsageBridgeSettings settings, List<TargetType> knownTypes) {
        Map<String, TargetConfig> targets = new LinkedHashMap<>();
        for (String id : settings.getList("usagebridge.targets")) {
            targets.put(id, TargetConfig.read(id, settings));
        }
        Map<String, TargetType> types = knownTypes.stream()
                .collect(Collectors.toMap(TargetType::name, t -> t, (a, b) -> a, LinkedHashMap::new));
        return new TargetCatalog(targets, types);
    }

    public Map<String, TargetConfig> targets() {
        return targets;
    }

    public TargetConfig target(String id) {
        TargetConfig config = targets.get(id);
        if (config == null) {
            throw new IllegalStateException("no target '" + id + "' in usagebridge.targets");
        }
        return config;
    }

    /** The type name of a target, e.g. for routes shared by all targets of one type. */
    public String typeName(String targetId) {
        return target(targetId).type();
    }

    public TargetType typeOf(String targetId) {
        return types.get(target(targetId).type());
    }

    /** The CSV contract a file for this target meets (its type's, with the target's options); immutable, shared. */
    public CsvContract contractOf(String targetId) {
        return contracts.computeIfAbsent(targetId, id -> typeOf(id).contract(target(id)));
    }

    /** True when a send to this target cut short may be repeated as is (see {@link TargetType#dedupsResends()}). */
    public boolean dedupsResends(String targetId) {
        return targetId != null && targets.containsKey(targetId) && typeOf(targetId).dedupsResends();
    }

    /** The direct: endpoint that sends one claimed chunk of this target. */
    public String sendEndpoint(String targetId) {
        return typeOf(targetId).sendEndpoint(targetId);
    }

    /** Targets whose uncertain deliveries are looked up at the target first. */
    public Set<String> targetsThatLookUpUncertain() {
        return targets.values().stream().filter(t -> types.get(t.type()).looksUpUncertain())
                .map(TargetConfig::id).collect(Collectors.toSet());
    }

    /** Targets where a send cut short may be resent as is (see {@link TargetType#dedupsResends()}). */
    public Set<String> targetsThatDedupResends() {
        return targets.values().stream().filter(t -> types.get(t.type()).dedupsResends()).map(TargetConfig::id)
                .collect(Collectors.toSet());
    }
}

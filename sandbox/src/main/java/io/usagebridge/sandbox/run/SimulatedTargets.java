package io.usagebridge.sandbox.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.usagebridge.sandbox.HttpMultipartReceiverSimulator;
import io.usagebridge.sandbox.TwoCheckoutReceiverSimulator;
import io.usagebridge.sandbox.insights.InsightsBatchSimulator;
import io.usagebridge.sandbox.zuora.ZuoraRestSimulator;
import io.usagebridge.sandbox.zuorasoap.ZuoraSoapSimulator;

/**
 * A simulator for every target the sandbox profile lists ({@code usagebridge.targets}), each on a free loopback
 * port, with the accounts the profile gives that target; targets of one system share its simulator (every
 * zuora-rest-* target one Zuora REST simulator). What each received is kept below {@code receivedDir}.
 * {@link #appOverrides()} points the app's targets at them.
 */
public final class SimulatedTargets implements AutoCloseable {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, String> appOverrides = new LinkedHashMap<>();
    private final List<String> listening = new ArrayList<>();

    private SimulatedTargets() {
    }

    /** Starts them; if one fails to start, those already started are stopped. */
    public static SimulatedTargets start(SandboxProfile profile, Path receivedDir) throws IOException {
        SimulatedTargets targets = new SimulatedTargets();
        try {
            targets.startAll(profile, receivedDir);
        } catch (IOException | RuntimeException e) {
            targets.close();
            throw e;
        }
        return targets;
    }

    private void startAll(SandboxProfile profile, Path receivedDir) throws IOException {
        Map<String, List<String>> idsBySystem = new LinkedHashMap<>();
        for (String id : profile.list("usagebridge.targets")) {
            idsBySystem.computeIfAbsent(system(id, profile.require(key(id, "type"))), s -> new ArrayList<>()).add(id);
        }
        for (Map.Entry<String, List<String>> system : idsBySystem.entrySet()) {
            Path storage = receivedDir.resolve(system.getKey());
            switch (system.getKey()) {
                case "twocheckout" -> startTwoCheckout(profile, system.getValue(), storage);
                case "zuora-rest" -> startZuoraRest(profile, system.getValue(), storage);
                case "zuora-soap" -> startZuoraSoap(profile, system.getValue(), storage);
                case "http-multipart" -> startHttpMultipart(profile, system.getValue(), storage);
                default -> startInsights(profile, system.getValue(), storage);
            }
        }
    }

    /** Which simulator plays a target type. */
    private static String system(String id, String type) {
        return switch (type) {
            case "twocheckout-usage" -> "twocheckout";
            case "zuora-rest-usage", "zuora-rest-bulk" -> "zuora-rest";
            case "zuora-soap-import" -> "zuora-soap";
            case "insights-batch" -> "insights";
            case "http-multipart" -> "http-multipart";
            default -> throw new IllegalStateException("the sandbox has no simulator for target " + id + " of type "
                    + type);
        };
    }

    private void startTwoCheckout(SandboxProfile profile, List<String> ids, Path storage) throws IOException {
        TwoCheckoutReceiverSimulator simulator = new TwoCheckoutReceiverSimulator(storage);
        for (String id : ids) {
            simulator.addAccount(profile.require(key(id, "merchant")), profile.require(key(id, "secret-key")));
        }
        simulator.start(0);
        started.push(simulator);
        point(ids, "url", simulator.url(), "2Checkout usage receiver");
    }

    private void startZuoraRest(SandboxProfile profile, List<String> ids, Path storage) throws IOException {
        ZuoraRestSimulator simulator = new ZuoraRestSimulator(storage);
        for (String id : ids) {
            simulator.addClient(profile.require(key(id, "client-id")), profile.require(key(id, "client-secret")));
        }
        simulator.start(0);
        started.push(simulator);
        point(ids, "base-url", simulator.baseUrl(), "Zuora REST (usage, mass actions)");
    }

    private void startZuoraSoap(SandboxProfile profile, List<String> ids, Path storage) throws IOException {
        ZuoraSoapSimulator simulator = new ZuoraSoapSimulator(storage);
        for (String id : ids) {
            simulator.addUser(profile.require(key(id, "username")), profile.require(key(id, "password")));
        }
        simulator.start(0);
        started.push(simulator);
        point(ids, "login-url", simulator.url(), "Zuora SOAP (Import over MTOM)");
    }

    /** One simulator per Insights target: the API token is the simulator's. */
    private void startInsights(SandboxProfile profile, List<String> ids, Path storage) throws IOException {
        for (String id : ids) {
            InsightsBatchSimulator simulator = new InsightsBatchSimulator(profile.require(key(id, "api-token")),
                    storage.resolve(id));
            for (String dataSource : profile.list(key(id, "data-sources"))) {
                simulator.addDataSource(dataSource, profile.list(key(id, "data-source." + dataSource
                        + ".record-types")).toArray(String[]::new));
            }
            simulator.start(0, 0);
            started.push(simulator);
            point(List.of(id), "url", simulator.uploadUrl(), "Zuora Insights Batch API");
        }
    }

    /** One receiver per HTTP multipart target: it asks for the target's token, when one is set. */
    private void startHttpMultipart(SandboxProfile profile, List<String> ids, Path storage) throws IOException {
        for (String id : ids) {
            HttpMultipartReceiverSimulator simulator = new HttpMultipartReceiverSimulator(storage.resolve(id));
            if (profile.get(key(id, "token")).isPresent()) {
                simulator.requireToken(profile.require(key(id, "token")));
            }
            profile.get(key(id, "file-part-name")).ifPresent(simulator::setFilePartName);
            profile.get(key(id, "md5-field-name")).ifPresent(simulator::setMd5FieldName);
            simulator.start(0);
            started.push(simulator);
            point(List.of(id), "url", simulator.url(), "HTTP multipart receiver");
        }
    }

    private void point(List<String> ids, String urlKey, String url, String what) {
        ids.forEach(id -> appOverrides.put(key(id, urlKey), url));
        listening.add(String.format("%-34s %s (%s)", what, url, String.join(", ", ids)));
    }

    private static String key(String target, String name) {
        return "target." + target + "." + name;
    }

    /** The target keys that point the app at the simulators, e.g. {@code target.twocheckout.url}. */
    public Map<String, String> appOverrides() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(appOverrides));
    }

    /** The running simulators of one kind, e.g. to read what they received. */
    public <T> List<T> simulators(Class<T> type) {
        return started.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** One line per simulator: what it plays, its URL and the targets it serves. */
    public List<String> listening() {
        return List.copyOf(listening);
    }

    /** Stops them in reverse start order; again is a no-op. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("sandbox: a simulator did not stop cleanly: " + e);
            }
        }
    }
}

package io.usagebridge.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver for tests: records every request (headers, body, the status it answered) and answers the
 * statuses it was told to, in order, then 200.
 */
final class TestWebhook implements AutoCloseable {

    /** One request as it arrived. Header names lower case. */
    record Request(Map<String, String> headers, String body, int answered, long atMillis) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<int[]> answers = new ArrayDeque<>();

    TestWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks/usagebridge", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/usagebridge";
    }

    /** The next requests are answered with these statuses (then 200 again). */
    synchronized void answerNext(int... statuses) {
        for (int status : statuses) {
            answers.add(new int[] {status});
        }
    }

    synchronized void reset() {
        answers.clear();
        requests.clear();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> accepted() {
        return requests.stream().filter(r -> r.answered() / 100 == 2).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
        int status;
        synchronized (this) {
            int[] next = answers.poll();
            status = next == null ? 200 : next[0];
        }
        requests.add(new Request(headers, body, status, System.currentTimeMillis()));
        if (status == 503) {
            // the receiver asks for a second's pause: the sender must wait at least that long
            exchange.getResponseHeaders().add("Retry-After", "1");
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.usagebridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The base every HTTP simulator stands on: start and stop, the shared fault knobs, the state endpoint. */
class SimulatorServerTest {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private EchoSimulator simulator;

    @TempDir
    Path dir;

    /** Keeps each body it processes and answers it back. */
    static final class EchoSimulator extends SimulatorServer<HttpExchange> {
        final List<String> processed = new CopyOnWriteArrayList<>();

        EchoSimulator(Path storageDir) {
            super("echo", storageDir, "/echo");
        }

        @Override
        protected HttpExchange receive(HttpExchange exchange) {
            return exchange;
        }

        @Override
        protected Reply process(HttpExchange exchange) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Files.writeString(storageDir().resolve("last.txt"), body);
            processed.add(body);
            return Reply.text(200, "text/plain; charset=utf-8", "echo:" + body);
        }

        @Override
        protected Reply failure(HttpExchange exchange, int status) {
            return Reply.text(status, "text/plain; charset=utf-8", "failed " + status);
        }

        @Override
        protected void describeState(ObjectNode state) {
            state.putArray("processed").addAll(processed.stream()
                    .map(body -> (com.fasterxml.jackson.databind.JsonNode) JsonBodies.object().put("body", body))
                    .toList());
        }

        void dropAfterStoreNext(int n) {
            faults().dropAfterStoreNext(n);
        }

        void failAfterStoreNext(int n, int status) {
            faults().failAfterStoreNext(n, status);
        }
    }

    @BeforeEach
    void start() throws IOException {
        simulator = new EchoSimulator(null);
        simulator.start(0);
    }

    @AfterEach
    void stop() {
        simulator.releaseDelayed();
        simulator.stop();
    }

    @Test
    void startsOnAFreeLoopbackPortAndStopsAtOnce() throws Exception {
        assertTrue(simulator.port() > 0);
        assertEquals("http://localhost:" + simulator.port(), simulator.baseUrl());
        assertEquals("echo:a", post("a").body());
        assertThrows(IllegalStateException.class, () -> simulator.start(0), "not twice");

        simulator.stop();

        assertFalse(simulator.running());
        assertThrows(IllegalStateException.class, simulator::port);
    }

    @Test
    void answersCarryAContentLengthNotChunks() throws Exception {
        HttpResponse<String> answer = post("abc");

        assertEquals("8", answer.headers().firstValue("Content-Length").orElseThrow());
        assertTrue(answer.headers().firstValue("Transfer-Encoding").isEmpty());
    }

    @Test
    void failNextAnswersTheStatusWithoutProcessing() throws Exception {
        simulator.failNext(2, 503);

        assertEquals(503, post("1").statusCode());
        assertEquals("failed 503", post("2").body());
        assertEquals("echo:3", post("3").body());
        assertEquals(List.of("3"), simulator.processed);
        assertEquals(3, simulator.requestCount());
    }

    @Test
    void padNextRepliesSendsTheAnswerWithSpacesAfterItsBody() throws Exception {
        simulator.padNextReplies(1, 100_000);

        HttpResponse<String> padded = post("a");

        assertEquals(String.valueOf("echo:a".length() + 100_000), padded.headers().firstValue("Content-Length")
                .orElseThrow());
        assertEquals("echo:a", padded.body().trim());
        assertEquals("echo:b", post("b").body(), "only the next answer");
    }

    @Test
    void answerEndlessNextWritesPastAnyCapUntilTheClientGoes() throws Exception {
        simulator.answerEndlessNext(1);

        HttpResponse<InputStream> endless = client.send(request("a"), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, endless.statusCode());
        assertTrue(endless.headers().firstValue("Content-Length").isEmpty(), "chunked: no length");
        try (InputStream body = endless.body()) {
            byte[] start = body.readNBytes(6);
            assertEquals("echo:a", new String(start, StandardCharsets.UTF_8));
            long more = 0;
            while (more < 8L * 1024 * 1024) {
                more += body.skip(1 << 20);
            }
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> simulator.endlessAnswersCutOff() == 1);
        assertEquals("echo:b", post("b").body(), "only the next answer");
    }

    @Test
    void dropNextReadsTheRequestAndClosesWithoutAnAnswer() throws Exception {
        simulator.dropNext(1);

        assertThrows(IOException.class, () -> post("lost"));
        assertTrue(simulator.processed.isEmpty());
        assertEquals("echo:next", post("next").body());
    }

    @Test
    void aHeldAnswerHoldsUpNoOtherRequestAndGoesWhenReleased() throws Exception {
        simulator.delayNext(1, Duration.ofMinutes(5));
        CompletableFuture<HttpResponse<String>> held = postAsync("held");

        assertTrue(simulator.awaitDelayed(1, Duration.ofSeconds(10)));
        assertEquals(List.of("held"), simulator.processed, "a held request was processed");
        assertEquals("echo:other", post("other").body());
        assertFalse(held.isDone());
        simulator.releaseDelayed();

        assertEquals("echo:held", held.get(10, TimeUnit.SECONDS).body());
    }

    @Test
    void storeThenFailAndStoreThenDropKeepTheRequest() throws Exception {
        simulator.failAfterStoreNext(1, 500);
        assertEquals("failed 500", post("kept-failed").body());

        simulator.dropAfterStoreNext(1);
        assertThrows(IOException.class, () -> post("kept-dropped"));

        assertEquals(List.of("kept-failed", "kept-dropped"), simulator.processed);
    }

    @Test
    void stateEndpointShowsWhatArrivedAndIsNeitherCountedNorFaulted() throws Exception {
        post("one");
        simulator.failNext(5, 500);

        JsonNode state = SandboxState.of(simulator.baseUrl());

        assertEquals("echo", state.get("simulator").asText());
        assertEquals(1, state.get("requestCount").asInt());
        assertEquals("one", state.get("processed").get(0).get("body").asText());
        assertEquals(500, post("two").statusCode(), "the knob is still armed");
    }

    @Test
    void stateEndpointAnswersGetOnly() throws Exception {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                        URI.create(simulator.baseUrl() + SimulatorServer.STATE_PATH))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(405, answer.statusCode());
        assertEquals("GET", answer.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void aTempStorageFolderGoesOnStopAGivenOneStays() throws Exception {
        post("x");
        Path temp = simulator.storageDir();
        EchoSimulator kept = new EchoSimulator(dir.resolve("kept"));
        kept.start(0);
        try (Socket socket = new Socket("localhost", kept.port())) {
            // a raw request: the body must be there in full before the answer comes
            OutputStream out = socket.getOutputStream();
            out.write(("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nConnection: close\r\n\r\ny")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertTrue(new String(in.readAllBytes(), StandardCharsets.US_ASCII).endsWith("echo:y"));
        }

        simulator.stop();
        kept.stop();

        assertFalse(Files.exists(temp));
        assertEquals("y", Files.readString(dir.resolve("kept/last.txt")));
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return client.send(request(body), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String body) {
        return client.sendAsync(request(body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String body) {
        return HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/echo"))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}

package io.usagebridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every HTTP simulator of the sandbox shares, so that each keeps only what is its target's own: the server on
 * a loopback port (0 = a free one) with a thread pool, so a held answer does not hold up other requests; a storage
 * folder; the fault knobs ({@link #failNext}, {@link #delayNext}, {@link #dropNext}, and the store-then-fail or
 * store-then-drop kinds a simulator offers through {@link #faults()}); and {@value #STATE_PATH}, a JSON view of what
 * arrived, for a process outside the JVM.
 *
 * <p>Each request runs one flow: {@link #receive} notes what arrived; a request the knobs fail or drop is read
 * ({@link #discard}) and, after any delay, answered {@link #failure} or closed ({@link #dropped}); any other is
 * {@link #process processed}, its answer held for the delay, then sent, failed or dropped as a store-then knob says.
 * Answers carry a Content-Length and their body in one write.
 *
 * @param <R> what the simulator keeps about one request while it handles it
 */
public abstract class SimulatorServer<R> implements AutoCloseable {

    /** {@code GET} it for the simulator's state as JSON: requests received, what was accepted, counts. */
    public static final String STATE_PATH = "/__sandbox/state";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static final int FILE_BUFFER = 64 * 1024;

    static {
        // the JDK server flushes the status line and headers in a write of their own; without TCP_NODELAY the
        // body's write then waits for the client's delayed ACK (~40 ms a request). Read once, when the JDK's
        // server configuration loads: only a JVM that started a JDK HttpServer before the sandbox misses it.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String name;
    private final List<String> contexts;
    private final StorageFolder storage;
    private final FaultSchedule faults = new FaultSchedule();
    /** Guarded by itself, with {@link #padBytes}. */
    private final FaultSchedule.Countdown padded = new FaultSchedule.Countdown();
    private int padBytes;
    /** Guarded by itself. */
    private final FaultSchedule.Countdown htmlInstead = new FaultSchedule.Countdown();
    /** Guarded by itself. */
    private final FaultSchedule.Countdown endless = new FaultSchedule.Countdown();
    private final AtomicInteger endlessCutOff = new AtomicInteger();
    private final HeldResponses held = new HeldResponses();
    private final AtomicInteger requestsReceived = new AtomicInteger();
    private final List<Instant> requestTimes = new CopyOnWriteArrayList<>();
    // read without the lock: handlers build URLs while stop() holds it
    private volatile int boundPort = -1;
    private HttpServer server;
    private ExecutorService executor;
    /** Set before start: serve https with this context instead of plain http. */
    private volatile SSLContext tls;

    /**
     * @param name       for logs and thread names, e.g. {@code zuora-rest}
     * @param storageDir where received files go (kept after a stop), or null for a temp folder deleted on stop
     * @param contexts   the paths the target serves (prefixes, as the JDK server matches them)
     */
    protected SimulatorServer(String name, Path storageDir, String... contexts) {
        this.name = name;
        this.contexts = List.of(contexts);
        this.storage = new StorageFolder(storageDir, "usagebridge-" + name + "-");
    }

    // ---------------------------------------------------------------- start and stop

    public synchronized void start(int port) throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started on port " + port());
        }
        storage.open();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        HttpServer created;
        if (tls == null) {
            created = HttpServer.create(address, 0);
        } else {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            created = https;
        }
        for (String context : contexts) {
            created.createContext(context, this::serve);
        }
        created.createContext(STATE_PATH, this::serveState);
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name + "-sim-" + THREAD_NUMBER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        created.setExecutor(executor);
        created.start();
        server = created;
        boundPort = created.getAddress().getPort();
        LOG.info("{} simulator listening on {}", name, baseUrl());
    }

    /** Stops at once (held answers are cut off); stored files are deleted unless a storage folder was given. */
    public void stop() {
        HttpServer stopping;
        ExecutorService handlers;
        synchronized (this) {
            if (server == null) {
                return;
            }
            stopping = server;
            handlers = executor;
            server = null;
            executor = null;
            boundPort = -1;
        }
        // outside the lock: a handler finishing its record may need the simulator's monitor
        stopping.stop(0);
        handlers.shutdownNow();
        try {
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        storage.close();
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        int port = boundPort;
        if (port < 0) {
            throw new IllegalStateException("not started");
        }
        return port;
    }

    /**
     * Serves https from the next {@link #start} on, with the certificate of {@code context} (e.g.
     * {@link SelfSignedKeyStores#serverContext()}); plain http is the default. A client that does not trust the
     * certificate fails its handshake before any request reaches the simulator, so {@link #requestCount()} stays 0.
     */
    public void serveHttps(SSLContext context) {
        synchronized (this) {
            if (server != null) {
                throw new IllegalStateException("serveHttps must be called before start");
            }
            tls = context;
        }
    }

    /** {@code https} once {@link #serveHttps} was called, else {@code http}. */
    protected String scheme() {
        return tls == null ? "http" : "https";
    }

    /** {@code http://localhost:<port>}, or {@code https://localhost:<port>} when serving https. */
    public String baseUrl() {
        return scheme() + "://localhost:" + port();
    }

    public boolean running() {
        return boundPort >= 0;
    }

    /** Every request that reached a target path, faulted ones included (state reads not counted). */
    public int requestCount() {
        return requestsReceived.get();
    }

    /** When each request reached a target path, faulted ones included (wall clock), for asserting waits. */
    public List<Instant> requestTimes() {
        return List.copyOf(requestTimes);
    }

    /** The folder files are stored in while started. */
    protected Path storageDir() {
        return storage.path();
    }

    // ---------------------------------------------------------------- fault knobs

    /**
     * The next {@code n} processed answers carry {@code bytes} spaces after their own body (a reply that is far
     * longer than it should be; a reader that trims would still see the right answer): a client must cap its read.
     */
    public void padNextReplies(int n, int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("padding must not be negative, was " + bytes);
        }
        synchronized (padded) {
            padded.set(n);
            padBytes = bytes;
        }
    }

    /**
     * The next {@code n} processed requests are answered 200 with an HTML page instead of their own answer (a proxy's
     * or a maintenance page): what they carried is kept, the client cannot read the outcome.
     */
    public void answerHtmlNext(int n) {
        synchronized (htmlInstead) {
            htmlInstead.set(n);
        }
    }

    /**
     * The next {@code n} processed requests get their status and headers, then a chunked body that never ends: their
     * own body followed by spaces, written until the client goes away (or the simulator stops). What they carried is
     * kept. A client must stop reading at its cap and drop the connection: closing it would read on forever.
     */
    public void answerEndlessNext(int n) {
        synchronized (endless) {
            endless.set(n);
        }
    }

    /** How many endless answers ended because the client went away (not because the simulator stopped). */
    public int endlessAnswersCutOff() {
        return endlessCutOff.get();
    }

    /** Answers {@code httpStatus} to the next {@code n} requests, after reading but without processing them. */
    public void failNext(int n, int httpStatus) {
        faults.failNext(n, httpStatus);
    }

    /**
     * Holds the answer to the next {@code n} requests for {@code d} (wall-clock), after processing them: what they
     * carried is kept. Other requests go on meanwhile; {@link #releaseDelayed()} lets them go early.
     */
    public void delayNext(int n, Duration d) {
        faults.delayNext(n, d);
    }

    /**
     * Reads the next {@code n} requests whole, then closes their connection without any response: the client's
     * request was written, and it sees EOF or a reset.
     */
    public void dropNext(int n) {
        faults.dropNext(n);
    }

    /** Lets every answer now held ({@link #delayNext} and the like) go at once. */
    public void releaseDelayed() {
        held.releaseAll();
    }

    /** How many answers are held now. */
    public int heldNow() {
        return held.heldNow();
    }

    /** Waits until {@code count} answers are being held; false on timeout. */
    public boolean awaitDelayed(int count, Duration timeout) throws InterruptedException {
        return held.awaitHeld(count, timeout);
    }

    /** The knobs, for the store-then-fail and store-then-drop kinds a simulator offers. */
    protected FaultSchedule faults() {
        return faults;
    }

    /** Holds the calling handler for {@code delay} unless released early; false when the server is stopping. */
    protected boolean hold(Duration delay) {
        return held.hold(delay);
    }

    /** Forgets the request count and times and the knobs, and lets held answers go (for a simulator's reset). */
    protected void resetCountsAndFaults() {
        requestsReceived.set(0);
        requestTimes.clear();
        faults.clear();
        synchronized (padded) {
            padded.set(0);
        }
        synchronized (htmlInstead) {
            htmlInstead.set(0);
        }
        synchronized (endless) {
            endless.set(0);
        }
        endlessCutOff.set(0);
        held.releaseAll();
    }

    // ---------------------------------------------------------------- what a simulator supplies

    /** What is known of a request on arrival, before any knob is applied; its body is still unread. */
    protected abstract R receive(HttpExchange exchange) throws IOException;

    /** The target's own handling of a request the knobs let through. */
    protected abstract Reply process(R request) throws IOException;

    /** The answer to a request that {@link #failNext} (or a store-then-fail knob) fails with {@code status}. */
    protected abstract Reply failure(R request, int status);

    /** Adds the target's own state to the {@value #STATE_PATH} answer. */
    protected abstract void describeState(ObjectNode state);

    /** Whether the knobs apply to this request (Zuora spares its token endpoint). */
    protected boolean faultsApply(R request) {
        return true;
    }

    /** Reads the body of a request that is failed or dropped before processing. */
    protected void discard(R request, HttpExchange exchange) throws IOException {
        drain(exchange);
    }

    /** How long to hold this answer besides {@link #delayNext} (e.g. Zuora's held status polls). */
    protected Duration extraHold(R request, Reply reply) {
        return Duration.ZERO;
    }

    /**
     * The start of an endless answer ({@link #answerEndlessNext}), before the spaces: the whole body by default; a
     * simulator may cut it open (e.g. inside an XML element, so the spaces are text the client would pile up).
     */
    protected byte[] endlessStart(R request, Reply reply) {
        return reply.body();
    }

    /** Runs once the hold is over (or cut short by a stop), before the answer goes. */
    protected void held(R request, Reply reply) {
    }

    /** The connection of this request is closed without an answer; {@code unsent} is the processed answer, if any. */
    protected void dropped(R request, Reply unsent) {
    }

    /** The last look at an answer before it leaves: record it, add headers; returns what is sent. */
    protected Reply answering(R request, Reply reply) throws IOException {
        return reply;
    }

    /** Runs when the exchange is over, however it ended ({@code request} null when {@link #receive} failed). */
    protected void finished(R request) {
    }

    // ---------------------------------------------------------------- the flow

    private void serve(HttpExchange exchange) {
        requestsReceived.incrementAndGet();
        requestTimes.add(Instant.now());
        R request = null;
        try (exchange) {
            request = receive(exchange);
            FaultSchedule.Faults fault = faultsApply(request) ? faults.next() : FaultSchedule.Faults.NONE;
            if (fault.fail() || fault.drop()) {
                discard(request, exchange);
                if (!held.hold(fault.delay()) || fault.drop()) {
                    // closing before any response header was sent closes the connection
                    LOG.info("{} simulator dropped {} {} without an answer", name, exchange.getRequestMethod(),
                            exchange.getRequestURI().getPath());
                    dropped(request, null);
                    return;
                }
                LOG.info("{} simulator failed {} {} with HTTP {}", name, exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(), fault.failStatus());
                send(exchange, answering(request, failure(request, fault.failStatus())));
                return;
            }
            Reply reply = process(request);
            if (reply.closesConnection()) {
                return;
            }
            Duration extra = extraHold(request, reply);
            boolean live = held.hold(extra.compareTo(fault.delay()) > 0 ? extra : fault.delay());
            held(request, reply);
            if (!live) {
                return;
            }
            if (fault.dropAfterStore()) {
                LOG.info("{} simulator processed {} {} ({}) and dropped the answer", name,
                        exchange.getRequestMethod(), exchange.getRequestURI().getPath(), reply.status());
                dropped(request, reply);
                return;
            }
            if (fault.failAfterStore()) {
                LOG.info("{} simulator kept {} {} and failed it with HTTP {}", name, exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(), fault.storedFailStatus());
                reply = failure(request, fault.storedFailStatus());
            }
            if (faultsApply(request) && endless(reply)) {
                sendEndless(exchange, reply, endlessStart(request, reply), answering(request, reply));
                return;
            }
            // padded before answering, so a simulator that gzips its answers gzips the padding too
            send(exchange, answering(request, faultsApply(request) ? padded(htmlInstead(reply)) : reply));
        } catch (IOException | RuntimeException e) {
            LOG.debug("{} simulator lost the client of {} {}", name, exchange.getRequestMethod(),
                    exchange.getRequestURI(), e);
        } finally {
            if (request != null) {
                finished(request);
            }
        }
    }

    private void serveState(HttpExchange exchange) {
        try (exchange) {
            drain(exchange);
            if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, Reply.text(405, "text/plain; charset=utf-8", "GET the state here.")
                        .withHeader("Allow", "GET"));
                return;
            }
            ObjectNode state = JsonBodies.object().put("simulator", name).put("requestCount", requestCount())
                    .put("heldNow", held.heldNow());
            describeState(state);
            send(exchange, Reply.json(200, state));
        } catch (IOException | RuntimeException e) {
            LOG.debug("{} simulator could not answer its state", name, e);
        }
    }

    /** An HTML page instead of {@code reply} when {@link #answerHtmlNext} applies. */
    private Reply htmlInstead(Reply reply) {
        synchronized (htmlInstead) {
            if (!htmlInstead.take()) {
                return reply;
            }
        }
        LOG.info("{} simulator answered an HTML page instead of its {} answer", name, reply.status());
        return Reply.text(200, "text/html; charset=utf-8",
                "<!DOCTYPE html><html><head><title>Maintenance</title></head><body>Back soon.</body></html>");
    }

    /** {@code reply}, padded when {@link #padNextReplies} applies to it (a body in memory only). */
    private Reply padded(Reply reply) {
        int extra;
        synchronized (padded) {
            if (reply.file() != null || !padded.take()) {
                return reply;
            }
            extra = padBytes;
        }
        byte[] body = reply.body() == null ? new byte[0] : reply.body();
        byte[] longer = java.util.Arrays.copyOf(body, body.length + extra);
        java.util.Arrays.fill(longer, body.length, longer.length, (byte) ' ');
        LOG.info("{} simulator padded its answer with {} bytes", name, extra);
        return reply.withBody(longer);
    }

    private boolean endless(Reply reply) {
        synchronized (endless) {
            return reply.file() == null && endless.take();
        }
    }

    /**
     * {@code start} (the answer's own body, or its opening), then spaces for ever, chunked, with the headers {@code answered} carries (but no
     * Content-Encoding: the endless part is plain); ends when the client goes away or the simulator stops.
     */
    private void sendEndless(HttpExchange exchange, Reply reply, byte[] start, Reply answered) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        answered.headers().forEach(headers::set);
        headers.remove("Content-Encoding");
        if (reply.contentType() != null) {
            headers.set("Content-Type", reply.contentType());
        }
        LOG.info("{} simulator answers {} {} with a body that never ends", name, exchange.getRequestMethod(),
                exchange.getRequestURI().getPath());
        exchange.sendResponseHeaders(reply.status(), 0); // 0: chunked, no length
        byte[] spaces = new byte[FILE_BUFFER];
        java.util.Arrays.fill(spaces, (byte) ' ');
        long written = 0;
        OutputStream out = exchange.getResponseBody();
        try {
            if (start != null) {
                out.write(start);
            }
            while (running() && !Thread.currentThread().isInterrupted()) {
                out.write(spaces);
                written += spaces.length;
            }
        } catch (IOException clientGone) {
            endlessCutOff.incrementAndGet();
            LOG.info("{} simulator: the client went away after {} bytes of the endless answer", name, written);
            throw clientGone;
        }
    }

    /** Sends {@code reply} with a Content-Length; a body in memory goes in one write. */
    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        reply.headers().forEach(headers::set);
        if (reply.contentType() != null) {
            headers.set("Content-Type", reply.contentType());
        }
        if (reply.file() != null) {
            long size = Files.size(reply.file());
            exchange.sendResponseHeaders(reply.status(), size == 0 ? -1 : size);
            try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), FILE_BUFFER)) {
                Files.copy(reply.file(), out);
            }
            return;
        }
        byte[] body = reply.body() == null ? new byte[0] : reply.body();
        // -1: no body at all; 0 would mean chunked to the JDK server
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    // ---------------------------------------------------------------- small pieces every simulator needs

    /** Reads a request body to its end; returns how many bytes it had. */
    protected static long drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** The request headers, names lower-cased, values in the order sent. */
    protected static Map<String, List<String>> requestHeaders(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((header, values) ->
                headers.computeIfAbsent(header.toLowerCase(Locale.ROOT), key -> new ArrayList<>()).addAll(values));
        return headers;
    }

    protected static void deleteQuietly(Path file) {
        StorageFolder.deleteQuietly(file);
    }
}

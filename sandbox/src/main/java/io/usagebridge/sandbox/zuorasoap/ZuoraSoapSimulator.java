package io.usagebridge.sandbox.zuorasoap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usagebridge.sandbox.FaultSchedule;
import io.usagebridge.sandbox.MimeHeaderValue;
import io.usagebridge.sandbox.Reply;
import io.usagebridge.sandbox.SimulatorServer;

import com.sun.net.httpserver.HttpExchange;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulates Zuora's SOAP API (WSDL 45.0) for mass usage import: {@code login()}, {@code create()}
 * of Import objects whose FileContent comes as an MTOM attachment ({@code xop:Include}), as seed
 * 001's {@code cid:} text naming a MIME part, or inline base64; {@code query()} of Imports, by
 * Id or by Name, Md5 and CreatedDate (see {@link ZoqlFilter}); and the download of an Import's
 * zipped result CSV.
 *
 * <p>create() checks each Import in Zuora's order and answers a SaveResult with the seed's error
 * text; an accepted Import then moves Pending, Processing, Completed or Failed, advanced by the
 * number of queries that read it ({@link #setQueriesToComplete}) or by the clock
 * ({@link #setProcessingTime}). Every other call needs a live session from login(); fault knobs
 * fail, delay or drop the next requests, or drop the next create() calls before or after their
 * Imports are made; {@link #expireSessions()} makes the next call get an INVALID_SESSION fault.
 */
public final class ZuoraSoapSimulator extends SimulatorServer<ZuoraSoapSimulator.CallRecord> {

    /** The endpoint path of WSDL version 45.0; other versions under {@link #SOAP_CONTEXT} are served alike. */
    public static final String PATH = "/apps/services/a/45.0";
    public static final String SOAP_CONTEXT = "/apps/services/a/";
    /** Result files: {@code GET /results/<import id>.zip}, with {@code Authorization: ZSession <session>}. */
    public static final String RESULTS_PATH = "/results/";

    public static final long MAX_FILE_SIZE = 4194304;
    /** File names (the MIME part's {@code name=}) must be shorter than this. */
    public static final int FILE_NAME_LIMIT = 50;
    /** The Import's Name field holds at most this many characters. */
    public static final int NAME_LIMIT = 100;
    public static final int MAX_OBJECTS_PER_CALL = 50;
    public static final int DEFAULT_QUERIES_TO_COMPLETE = 2;

    // create() errors: the first four are seed 000's texts, word for word
    public static final String NO_FILE_NAME = "Validation exception: Cannot detect the file name from your "
            + "Content-Type. Use the name parameter to provide the file name.";
    public static final String MD5_MISMATCH = "Validation exception: File MD5 verification error.";
    public static final String FILE_TOO_LARGE = "Validation exception: The import file exceeds the maximum file "
            + "size of 4194304 bytes.";
    public static final String ZIP_WITH_DIRECTORY = "Validation exception: The zip file cannot contain a directory.";
    // the simulator's own texts: Zuora documents these limits but not their messages
    public static final String FILE_NAME_TOO_LONG = "Validation exception: The file name must be shorter than "
            + FILE_NAME_LIMIT + " characters.";
    public static final String IMPORT_TYPE_NOT_USAGE = "Validation exception: The ImportType must be Usage.";
    public static final String IMPORT_TYPE_REQUIRED = "Validation exception: The ImportType is required.";
    public static final String FILE_CONTENT_REQUIRED = "Validation exception: The FileContent is required.";
    public static final String NAME_TOO_LONG = "Validation exception: The Name must be at most "
            + NAME_LIMIT + " characters.";

    public static final String INVALID_LOGIN = "Invalid login. User name and password do not match.";
    public static final String INVALID_SESSION = "Invalid session";
    public static final String TOO_MANY_OBJECTS = "You can pass in a maximum of " + MAX_OBJECTS_PER_CALL
            + " zObjects at a time.";

    private static final Logger LOG = LoggerFactory.getLogger(ZuoraSoapSimulator.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    // Zuora writes dateTime with milliseconds and an offset
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
            .withZone(ZoneOffset.UTC);

    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final Map<String, SessionState> sessions = new HashMap<>();
    private final List<ZuoraSoapCall> calls = new ArrayList<>();
    private final List<ImportState> imports = new ArrayList<>();
    private final Map<String, ImportState> importsById = new HashMap<>();
    private final CreateDropSchedule createDrops = new CreateDropSchedule();
    private volatile Clock clock = Clock.systemUTC();
    private volatile int queriesToComplete = DEFAULT_QUERIES_TO_COMPLETE;
    private volatile Duration processingTime;
    private volatile Duration sessionIdleTimeout;
    private volatile String answeredServerUrl;
    private volatile String answeredResultBase;
    private volatile String rejectedValue;
    /** Guarded by itself, with {@link #doctypeEntityUrl}. */
    private final FaultSchedule.Countdown doctypeAnswers = new FaultSchedule.Countdown();
    private String doctypeEntityUrl;

    /** Stores received files in a temp directory that {@link #stop()} deletes. */
    public ZuoraSoapSimulator() {
        this(null);
    }

    /** Stores received files in {@code storageDir}, which is kept after {@link #stop()}. */
    public ZuoraSoapSimulator(Path storageDir) {
        super("zuora-soap", storageDir, SOAP_CONTEXT, RESULTS_PATH);
    }

    public void addUser(String username, String password) {
        users.put(username, password);
    }

    /** The clock for call times, CreatedDate, session idling and {@link #setProcessingTime}. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /**
     * The {@code n}-th query() that returns an Import shows its outcome; earlier ones show
     * Pending (the first) and then Processing. Default 2. Ignored while a processing time is set.
     */
    public void setQueriesToComplete(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("queries to complete must be at least 1, was " + n);
        }
        queriesToComplete = n;
    }

    /**
     * Finishes Imports by the clock instead of by query count: Pending at the instant of create(),
     * Processing after it, finished once {@code d} has passed. Null goes back to counting queries.
     */
    public void setProcessingTime(Duration d) {
        if (d != null && d.isNegative()) {
            throw new IllegalArgumentException("processing time must not be negative");
        }
        processingTime = d;
    }

    /** Sessions unused for longer than {@code d} (by the clock) are invalid. Null (the default): they never idle out. */
    public void setSessionIdleTimeout(Duration d) {
        sessionIdleTimeout = d;
    }

    /** Invalidates every session issued so far: the next call with one gets an INVALID_SESSION fault. */
    public synchronized void expireSessions() {
        sessions.clear();
    }

    /**
     * Reads the next {@code n} create() calls whole, then closes their connection before any
     * Import is made: nothing exists, though the client wrote its request. Other operations pass.
     */
    public void dropNextCreatesBeforeCreating(int n) {
        createDrops.dropBeforeCreating(n);
    }

    /**
     * Lets the next {@code n} create() calls make their Imports, then closes the connection
     * without the reply: the Imports exist and the client never learns their ids. A create()
     * answered with a fault keeps the knob for the next one; other operations pass.
     */
    public void dropNextCreatesAfterCreating(int n) {
        createDrops.dropAfterCreating(n);
    }

    /**
     * A hostile or misrouted answer: login() names {@code serverUrl} as ServerUrl (e.g. another simulator, or an
     * http:// address) instead of this endpoint. Null (the default, and after {@link #reset()}) answers {@link #url()}.
     */
    public void answerServerUrl(String serverUrl) {
        answeredServerUrl = serverUrl;
    }

    /**
     * Rows holding exactly this value fail the import (Failed in the result zip with a message naming the row; the
     * import is all or nothing, so no row is imported). Null (the default, and after {@link #reset()}) fails none.
     */
    public void rejectRowsContaining(String value) {
        rejectedValue = value;
    }

    /**
     * ResultResourceUrl names {@code base + /results/<id>.zip} (e.g. another host) instead of this server's. Null
     * (the default, and after {@link #reset()}) answers this server's address.
     */
    public void answerResultUrlsOn(String base) {
        answeredResultBase = base;
    }

    /**
     * The next {@code n} SOAP answers carry a DOCTYPE declaring an external DTD and an external entity, both at
     * {@code entityUrl} (e.g. another simulator, which then counts any fetch), and use the entity in the Body: a
     * parser that resolves DTDs or entities fetches it. The answer is otherwise the operation's own.
     */
    public void answerDoctypeNext(int n, String entityUrl) {
        synchronized (doctypeAnswers) {
            doctypeAnswers.set(n);
            doctypeEntityUrl = entityUrl;
        }
    }

    /** The SOAP endpoint, which login() also returns as ServerUrl. */
    public String url() {
        return baseUrl() + PATH;
    }

    /** Every request, faulted ones included, oldest first. */
    public synchronized List<ZuoraSoapCall> calls() {
        return List.copyOf(calls);
    }

    /** The calls of one operation (login, create, query, download). */
    public List<ZuoraSoapCall> calls(String operation) {
        return calls().stream().filter(call -> operation.equals(call.operation())).toList();
    }

    /** Every Import that create() received, rejected ones included, oldest first, as they stand now. */
    public synchronized List<ZuoraImport> imports() {
        Instant now = clock.instant();
        return imports.stream().map(state -> state.snapshot(now)).toList();
    }

    public synchronized Optional<ZuoraImport> importById(String id) {
        ImportState state = importsById.get(id);
        return state == null ? Optional.empty() : Optional.of(state.snapshot(clock.instant()));
    }

    /** The last Import received, or null. */
    public ZuoraImport lastImport() {
        List<ZuoraImport> all = imports();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /**
     * Forgets calls, Imports (deleting their files), sessions and fault knobs, and restores the
     * defaults of queries to complete, processing time, session idle timeout and clock. Users stay.
     */
    public void reset() {
        List<Path> files = new ArrayList<>();
        synchronized (this) {
            for (ZuoraSoapCall call : calls) {
                files.add(call.rootPartFile());
            }
            for (ImportState state : imports) {
                files.add(state.received == null ? null : state.received.file());
                files.add(state.resultZip);
            }
            calls.clear();
            imports.clear();
            importsById.clear();
            sessions.clear();
        }
        files.forEach(SimulatorServer::deleteQuietly);
        resetCountsAndFaults();
        createDrops.clear();
        queriesToComplete = DEFAULT_QUERIES_TO_COMPLETE;
        processingTime = null;
        sessionIdleTimeout = null;
        answeredServerUrl = null;
        rejectedValue = null;
        answeredResultBase = null;
        synchronized (doctypeAnswers) {
            doctypeAnswers.set(0);
        }
        clock = Clock.systemUTC();
    }

    // ---------------------------------------------------------------- HTTP

    @Override
    protected CallRecord receive(HttpExchange exchange) {
        return new CallRecord(clock.instant(), exchange);
    }

    /** A faulted request is still read, so its record names the operation it carried. */
    @Override
    protected void discard(CallRecord call, HttpExchange exchange) throws IOException {
        if (call.download() || !call.method.equalsIgnoreCase("POST")) {
            call.requestBytes = call.body.transferTo(OutputStream.nullOutputStream());
            return;
        }
        try {
            ReceivedBody received = readBody(call.body, MimeHeaderValue.parse(call.contentType));
            call.mtom = received.mtom();
            call.rootPartFile = received.root();
            call.operation = new SoapEnvelopeReader(storageDir()).operationOf(received.root(), received.charset());
            deleteParts(received.attachments(), List.of());
        } catch (SoapFault e) {
            // unreadable: recorded without an operation
        }
        call.body.transferTo(OutputStream.nullOutputStream());
        call.requestBytes = call.body.count;
    }

    @Override
    protected Reply failure(CallRecord call, int status) {
        call.httpStatus = status;
        record(call);
        return Reply.text(status, "text/html; charset=utf-8",
                "<html><body><h1>" + status + "</h1>simulated failure</body></html>");
    }

    @Override
    protected void dropped(CallRecord call, Reply unsent) {
        record(call);
    }

    @Override
    protected Reply process(CallRecord call) throws IOException {
        return call.download() ? download(call) : soap(call);
    }

    @Override
    protected void describeState(ObjectNode state) {
        List<ZuoraImport> all = imports();
        state.put("callCount", calls().size()).put("importCount", all.size())
                .put("acceptedImportCount", all.stream().filter(ZuoraImport::accepted).count());
        ArrayNode list = state.putArray("imports");
        for (ZuoraImport imported : all) {
            list.addObject().put("id", imported.id()).put("name", imported.name()).put("status", imported.status())
                    .put("fileName", imported.fileName()).put("size", imported.size()).put("md5", imported.md5())
                    .put("errorCode", imported.errorCode()).put("createdAt", imported.createdAt().toString())
                    .put("totalCount", imported.totalCount()).put("importedCount", imported.importedCount());
        }
        ArrayNode calls = state.putArray("calls");
        for (ZuoraSoapCall call : calls()) {
            calls.addObject().put("operation", call.operation()).put("httpStatus", call.httpStatus())
                    .put("requestBytes", call.requestBytes()).put("mtom", call.mtom());
        }
    }

    /** A request body as stored: the root XML part and the other MIME parts. */
    private record ReceivedBody(Path root, String charset, List<MultipartRelatedReader.Part> attachments,
                                boolean mtom) {
    }

    private Reply soap(CallRecord call) throws IOException {
        if (!call.method.equalsIgnoreCase("POST")) {
            call.requestBytes = call.body.transferTo(OutputStream.nullOutputStream());
            call.httpStatus = 405;
            record(call); // before answering: a client may look as soon as it has the answer
            return Reply.text(405, "text/plain; charset=utf-8", "POST a SOAP 1.1 envelope here.")
                    .withHeader("Allow", "POST");
        }
        ReceivedBody received;
        try {
            received = readBody(call.body, MimeHeaderValue.parse(call.contentType));
            call.mtom = received.mtom();
            call.rootPartFile = received.root();
        } catch (SoapFault unreadable) {
            call.body.transferTo(OutputStream.nullOutputStream());
            call.requestBytes = call.body.count;
            return finish(call, unreadable, null);
        }
        call.body.transferTo(OutputStream.nullOutputStream()); // a MIME epilogue still counts as sent
        call.requestBytes = call.body.count;
        List<Path> kept = new ArrayList<>();
        String response = null;
        SoapFault soapFault = null;
        SoapEnvelopeReader.SoapRequest request = null;
        boolean dropped = false;
        try {
            request = new SoapEnvelopeReader(storageDir()).read(received.root(), received.charset());
            call.operation = request.operation();
            call.session = request.session();
            boolean create = "create".equals(request.operation());
            if (create && createDrops.takeBeforeCreating()) {
                dropped = true;
            } else {
                response = dispatch(request, received, call, call.time, kept);
                dropped = create && createDrops.takeAfterCreating();
            }
        } catch (SoapFault e) {
            soapFault = e;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Zuora SOAP simulator failed on a {} request", call.operation, e);
            soapFault = SoapFault.api("UnexpectedErrorFault", "UNKNOWN_ERROR", "unexpected error: " + e.getMessage());
        } finally {
            deleteParts(received.attachments(), kept);
            if (request != null) {
                deleteUnkeptInlineFiles(request, kept);
            }
        }
        if (dropped) {
            LOG.info("Zuora SOAP simulator dropped a create() without a reply {} its Imports were made {}",
                    response == null ? "before" : "after", call.importIds);
            record(call);
            return Reply.closeConnection();
        }
        return finish(call, soapFault, response);
    }

    /** Inline FileContent decoded for a call that faulted before recording its Imports. */
    private static void deleteUnkeptInlineFiles(SoapEnvelopeReader.SoapRequest request, List<Path> kept) {
        for (SoapEnvelopeReader.ZObject zObject : request.zObjects()) {
            if (zObject.content() instanceof SoapEnvelopeReader.Inline inline && !kept.contains(inline.file().file())) {
                deleteQuietly(inline.file().file());
            }
        }
    }

    private Reply finish(CallRecord call, SoapFault soapFault, String response) {
        String body = response;
        int status = 200;
        if (soapFault != null) {
            body = SoapEnvelopeWriter.fault(soapFault);
            status = 500; // SOAP 1.1 over HTTP: a fault comes with 500
            call.faultCode = soapFault.apiCode() != null ? soapFault.apiCode() : soapFault.faultCode();
            LOG.info("Zuora SOAP simulator: {} -> fault {}: {}", call.operation, soapFault.faultCode(),
                    soapFault.getMessage());
        } else {
            LOG.info("Zuora SOAP simulator: {} -> {}", call.operation, call.summary == null ? "ok" : call.summary);
        }
        body = withDoctype(body);
        call.response = body;
        call.httpStatus = status;
        record(call);
        return Reply.text(status, "text/xml; charset=utf-8", body);
    }

    /** {@code body} with a DOCTYPE and an entity reference when {@link #answerDoctypeNext} applies. */
    private String withDoctype(String body) {
        String url;
        synchronized (doctypeAnswers) {
            if (!doctypeAnswers.take()) {
                return body;
            }
            url = doctypeEntityUrl;
        }
        LOG.info("Zuora SOAP simulator answers with a DOCTYPE naming {}", url);
        String declaration = "<?xml version='1.0' encoding='UTF-8'?>";
        String doctype = "<!DOCTYPE soapenv:Envelope SYSTEM \"" + url + "/zuora.dtd\" [<!ENTITY usagebridge SYSTEM \""
                + url + "/entity.txt\">]>";
        String rest = body.startsWith(declaration) ? body.substring(declaration.length()) : body;
        return declaration + doctype + rest.replace("<soapenv:Body>", "<soapenv:Body>&usagebridge;");
    }

    /** An endless answer is cut open inside its first element: the spaces that follow are that element's text. */
    @Override
    protected byte[] endlessStart(CallRecord call, Reply reply) {
        String body = reply.body() == null ? "" : new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8);
        int firstClose = body.indexOf("</");
        return (firstClose < 0 ? body : body.substring(0, firstClose))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private ReceivedBody readBody(CountingInputStream body, MimeHeaderValue contentType)
            throws IOException, SoapFault {
        if (contentType.lowerCaseValue().equals("multipart/related")) {
            String boundary = MultipartRelatedReader.boundaryOf(contentType);
            if (boundary == null) {
                throw SoapFault.client("multipart/related without a usable boundary parameter");
            }
            List<MultipartRelatedReader.Part> parts;
            try {
                parts = new MultipartRelatedReader(storageDir()).read(body, boundary);
            } catch (IOException e) {
                throw SoapFault.client("The MIME package cannot be read: " + e.getMessage());
            }
            if (parts.isEmpty()) {
                throw SoapFault.client("The MIME package has no parts");
            }
            String start = ContentIds.stripAngleBrackets(contentType.parameter("start"));
            MultipartRelatedReader.Part root = parts.stream()
                    .filter(part -> start != null && start.equals(part.contentId()))
                    .findFirst().orElse(parts.get(0));
            if (start != null && !start.equals(root.contentId())) {
                deleteParts(parts, List.of());
                throw SoapFault.client("No MIME part has the Content-ID of the start parameter <" + start + ">");
            }
            List<MultipartRelatedReader.Part> attachments = parts.stream().filter(part -> part != root).toList();
            String charset = MimeHeaderValue.parse(root.contentType()).parameter("charset");
            boolean mtom = "application/xop+xml".equalsIgnoreCase(contentType.parameter("type"));
            return new ReceivedBody(root.file(), charset, attachments, mtom);
        }
        Path root = Files.createTempFile(storageDir(), "envelope-", ".xml");
        try (OutputStream out = Files.newOutputStream(root)) {
            body.transferTo(out);
        }
        return new ReceivedBody(root, contentType.parameter("charset"), List.of(), false);
    }

    // ---------------------------------------------------------------- operations

    private String dispatch(SoapEnvelopeReader.SoapRequest request, ReceivedBody received, CallRecord call,
                            Instant now, List<Path> kept) throws SoapFault, IOException {
        if (!SoapEnvelopeReader.API_NS.equals(request.operationNs())) {
            throw SoapFault.client("Unknown operation {" + request.operationNs() + "}" + request.operation());
        }
        if (request.operation().equals("login")) {
            return login(request, now);
        }
        requireSession(request, now);
        return switch (request.operation()) {
            case "create" -> create(request, received, call, now, kept);
            case "query" -> query(request, now);
            default -> throw SoapFault.client("The simulator does not implement " + request.operation() + "()");
        };
    }

    private String login(SoapEnvelopeReader.SoapRequest request, Instant now) throws SoapFault {
        String expected = request.username() == null ? null : users.get(request.username());
        if (expected == null || !expected.equals(request.password())) {
            throw SoapFault.api("LoginFault", "INVALID_VALUE", INVALID_LOGIN);
        }
        byte[] token = new byte[48];
        RANDOM.nextBytes(token);
        String session = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        synchronized (this) {
            sessions.put(session, new SessionState(request.username(), now));
        }
        String serverUrl = answeredServerUrl;
        return SoapEnvelopeWriter.loginResponse(session, serverUrl == null ? url() : serverUrl);
    }

    private void requireSession(SoapEnvelopeReader.SoapRequest request, Instant now) throws SoapFault {
        if (!liveSession(request.session(), now)) {
            throw SoapFault.api("UnexpectedErrorFault", "INVALID_SESSION", INVALID_SESSION);
        }
    }

    private synchronized boolean liveSession(String session, Instant now) {
        SessionState state = session == null ? null : sessions.get(session);
        if (state == null) {
            return false;
        }
        Duration idle = sessionIdleTimeout;
        if (idle != null && Duration.between(state.lastUsed, now).compareTo(idle) > 0) {
            sessions.remove(session);
            return false;
        }
        state.lastUsed = now;
        return true;
    }

    private String create(SoapEnvelopeReader.SoapRequest request, ReceivedBody received, CallRecord call,
                          Instant now, List<Path> kept) throws SoapFault, IOException {
        List<SoapEnvelopeReader.ZObject> zObjects = request.zObjects();
        if (zObjects.size() > MAX_OBJECTS_PER_CALL) {
            throw SoapFault.api("UnexpectedErrorFault", "MAX_RECORDS_EXCEEDED",
                    TOO_MANY_OBJECTS + " This call has " + zObjects.size() + ".");
        }
        List<ReceivedFile> files = new ArrayList<>();
        for (SoapEnvelopeReader.ZObject zObject : zObjects) {
            if (!SoapEnvelopeReader.OBJECT_NS.equals(zObject.typeNamespace()) || !"Import".equals(zObject.typeName())) {
                throw SoapFault.api("InvalidTypeFault", "INVALID_TYPE", "invalid type for create: "
                        + (zObject.typeName() == null ? "(no xsi:type)" : zObject.typeName())
                        + "; the simulator creates {" + SoapEnvelopeReader.OBJECT_NS + "}Import only");
            }
            files.add(resolve(zObject.content(), received.attachments()));
        }
        List<SoapEnvelopeWriter.SaveResult> results = new ArrayList<>();
        for (int i = 0; i < zObjects.size(); i++) {
            Map<String, String> fields = zObjects.get(i).fields();
            ReceivedFile file = files.get(i);
            if (file != null) {
                kept.add(file.file());
            }
            String importType = fields.get("ImportType");
            String name = fields.containsKey("Name") ? fields.get("Name")
                    : "import " + (importType == null ? "" : importType);
            ImportFileChecks.Rejection rejection = ImportFileChecks.check(file, importType, fields.get("Md5"), name);
            ImportState state = new ImportState(now, name, importType, fields.get("Md5"), file,
                    call.requestBytes, received.root());
            if (rejection != null) {
                state.rejection = rejection;
                results.add(new SoapEnvelopeWriter.SaveResult(null, List.of(rejection)));
            } else {
                state.id = newId();
                state.resultZip = Files.createTempFile(storageDir(), "result-", ".zip");
                state.outcome = UsageImportProcessor.process(file.file(), file.fileName(), state.id + ".csv",
                        state.resultZip, rejectedValue);
                call.importIds.add(state.id);
                results.add(new SoapEnvelopeWriter.SaveResult(state.id, List.of()));
            }
            synchronized (this) {
                imports.add(state);
                if (state.id != null) {
                    importsById.put(state.id, state);
                }
            }
        }
        call.summary = summary(results);
        return SoapEnvelopeWriter.createResponse(results);
    }

    private static String summary(List<SoapEnvelopeWriter.SaveResult> results) {
        List<String> ids = results.stream().map(SoapEnvelopeWriter.SaveResult::id).filter(id -> id != null).toList();
        List<String> errors = results.stream().filter(result -> result.id() == null)
                .map(result -> result.errors().get(0).message()).toList();
        String accepted = ids.size() <= 3 ? "accepted " + ids : ids.size() + " accepted";
        return errors.isEmpty() ? accepted
                : accepted + ", " + errors.size() + " rejected" + (errors.size() <= 3 ? " " + errors : "");
    }

    private static ReceivedFile resolve(SoapEnvelopeReader.FileContentValue content,
                                        List<MultipartRelatedReader.Part> attachments) throws SoapFault {
        if (content == null) {
            return null;
        }
        if (content instanceof SoapEnvelopeReader.Inline inline) {
            return inline.file();
        }
        SoapEnvelopeReader.Reference reference = (SoapEnvelopeReader.Reference) content;
        MultipartRelatedReader.Part part = attachments.stream()
                .filter(candidate -> reference.contentId().equals(candidate.contentId()))
                .findFirst()
                .orElseThrow(() -> SoapFault.client("FileContent refers to cid:" + reference.contentId()
                        + ", which is no MIME part of this request"));
        return ReceivedFile.of(reference.form(), part.file(), part.size(), part.md5(), part.contentType());
    }

    private String query(SoapEnvelopeReader.SoapRequest request, Instant now) throws SoapFault {
        ImportQuery query = ImportQuery.parse(request.queryString());
        List<Map<String, String>> records = new ArrayList<>();
        synchronized (this) {
            List<ImportState> matches = imports.stream()
                    .filter(state -> state.id != null && query.filter().test(state::filterValue)).toList();
            for (ImportState state : matches) {
                state.queryCount++;
                String status = state.status(now);
                Map<String, String> values = state.fieldValues(status);
                Map<String, String> record = new LinkedHashMap<>();
                for (String field : ImportQuery.SELECTABLE) {
                    if (query.selects(field)) {
                        record.put(field, values.get(field));
                    }
                }
                records.add(record);
            }
        }
        return SoapEnvelopeWriter.queryResponse(records);
    }

    // ---------------------------------------------------------------- result download

    private Reply download(CallRecord call) throws IOException {
        call.requestBytes = call.body.transferTo(OutputStream.nullOutputStream());
        if (!call.method.equalsIgnoreCase("GET")) {
            call.httpStatus = 405;
            record(call);
            return Reply.text(405, "text/plain; charset=utf-8", "GET a result file here.").withHeader("Allow", "GET");
        }
        if (!authorized(call.authorization, call.session, call.time)) {
            call.httpStatus = 401;
            record(call);
            return Reply.text(401, "text/plain; charset=utf-8", "Send Authorization: ZSession <session from login()>.")
                    .withHeader("WWW-Authenticate", "Basic realm=\"Zuora\"");
        }
        String name = call.path.substring(RESULTS_PATH.length());
        Path zip = null;
        if (name.endsWith(".zip")) {
            synchronized (this) {
                ImportState state = importsById.get(name.substring(0, name.length() - 4));
                if (state != null && state.finished(call.time)) {
                    zip = state.resultZip;
                }
            }
        }
        call.httpStatus = zip == null ? 404 : 200;
        record(call);
        if (zip == null) {
            return Reply.text(404, "text/plain; charset=utf-8", "No result file " + name);
        }
        return Reply.file(200, "application/zip", zip)
                .withHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    /** Zuora's file downloads take the SOAP session as {@code ZSession}; Basic credentials work too. */
    private boolean authorized(String authorization, String session, Instant now) {
        if (session != null) {
            return liveSession(session, now);
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon > 0 && pair.substring(colon + 1).equals(users.get(pair.substring(0, colon)));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- state

    private static final class SessionState {
        private final String username;
        private Instant lastUsed;

        SessionState(String username, Instant lastUsed) {
            this.username = username;
            this.lastUsed = lastUsed;
        }

        @Override
        public String toString() {
            return "session of " + username;
        }
    }

    /** One Import as the simulator keeps it; status is derived when read. Guarded by the simulator. */
    private final class ImportState {
        private final Instant createdAt;
        private final String name;
        private final String importType;
        private final String md5Field;
        private final ReceivedFile received;
        private final long requestBytes;
        private final Path rootPartFile;
        private String id;
        private ImportFileChecks.Rejection rejection;
        private UsageImportProcessor.Outcome outcome;
        private Path resultZip;
        private int queryCount;
        private Instant finishedAt;

        ImportState(Instant createdAt, String name, String importType, String md5Field, ReceivedFile received,
                    long requestBytes, Path rootPartFile) {
            this.createdAt = createdAt;
            this.name = name;
            this.importType = importType;
            this.md5Field = md5Field;
            this.received = received;
            this.requestBytes = requestBytes;
            this.rootPartFile = rootPartFile;
        }

        /** Once finished, always finished, whatever the knobs do later. */
        boolean finished(Instant now) {
            if (finishedAt != null) {
                return true;
            }
            Duration time = processingTime;
            boolean done = time != null ? !now.isBefore(createdAt.plus(time)) : queryCount >= queriesToComplete;
            if (done) {
                finishedAt = now;
            }
            return done;
        }

        String status(Instant now) {
            if (id == null) {
                return null;
            }
            if (finished(now)) {
                return outcome.status();
            }
            if (processingTime != null) {
                return now.isAfter(createdAt) ? ZuoraImport.PROCESSING : ZuoraImport.PENDING;
            }
            return queryCount <= 1 ? ZuoraImport.PENDING : ZuoraImport.PROCESSING;
        }

        /** A field's value as a where clause compares it: a String, or an Instant for CreatedDate. */
        Object filterValue(String field) {
            return switch (field) {
                case "Id" -> id;
                case "Name" -> name;
                case "Md5" -> md5Field;
                case "CreatedDate" -> createdAt;
                default -> throw new IllegalArgumentException("not filterable: " + field);
            };
        }

        /** Every selectable field's value for a record showing {@code status}; null for fields not set yet. */
        Map<String, String> fieldValues(String status) {
            boolean finished = finishedAt != null;
            Map<String, String> values = new HashMap<>();
            values.put("Id", id);
            values.put("CreatedDate", DATE_TIME.format(createdAt));
            values.put("UpdatedDate", DATE_TIME.format(finished ? finishedAt : createdAt));
            values.put("ImportType", importType);
            values.put("Md5", md5Field);
            values.put("Name", name);
            values.put("Status", status);
            if (finished) {
                values.put("TotalCount", String.valueOf(outcome.totalCount()));
                values.put("ImportedCount", String.valueOf(outcome.importedCount()));
                values.put("StatusReason", outcome.statusReason());
                values.put("ResultResourceUrl", resultUrl());
            }
            return values;
        }

        String resultUrl() {
            String base = answeredResultBase;
            return (base == null ? baseUrl() : base) + RESULTS_PATH + id + ".zip";
        }

        ZuoraImport snapshot(Instant now) {
            String status = status(now);
            boolean finished = id != null && finishedAt != null;
            return new ZuoraImport(id, createdAt,
                    rejection == null ? null : rejection.code(), rejection == null ? null : rejection.message(),
                    name, importType, md5Field,
                    received == null ? null : received.form(), received == null ? null : received.contentType(),
                    received == null ? null : received.fileName(), received == null ? null : received.file(),
                    received == null ? 0 : received.size(), received == null ? null : received.md5(),
                    requestBytes, rootPartFile, status,
                    finished ? outcome.statusReason() : null,
                    finished ? outcome.totalCount() : null,
                    finished ? outcome.importedCount() : null,
                    finished && running() ? resultUrl() : null,
                    queryCount);
        }
    }

    /** What is known of a call while it is handled; frozen into a {@link ZuoraSoapCall} once. */
    static final class CallRecord {
        private final Instant time;
        private final String method;
        private final String path;
        private final String contentType;
        private final String authorization;
        private final CountingInputStream body;
        private final List<String> importIds = new ArrayList<>();
        private String operation;
        private String session;
        private int httpStatus;
        private long requestBytes;
        private boolean mtom;
        private String faultCode;
        private Path rootPartFile;
        private String response;
        private String summary;
        private boolean recorded;

        CallRecord(Instant time, HttpExchange exchange) {
            this.time = time;
            this.method = exchange.getRequestMethod();
            this.path = exchange.getRequestURI().getPath();
            this.contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            this.authorization = exchange.getRequestHeaders().getFirst("Authorization");
            this.body = new CountingInputStream(exchange.getRequestBody());
            if (download()) {
                operation = "download";
                if (authorization != null && authorization.regionMatches(true, 0, "ZSession ", 0, 9)) {
                    session = authorization.substring(9).trim();
                }
            }
        }

        boolean download() {
            return path.startsWith(RESULTS_PATH);
        }

        ZuoraSoapCall freeze() {
            return new ZuoraSoapCall(time, method, path, operation, session, httpStatus, requestBytes, mtom,
                    contentType, faultCode, importIds, rootPartFile, response);
        }
    }

    private synchronized void record(CallRecord call) {
        if (!call.recorded) {
            call.recorded = true;
            calls.add(call.freeze());
        }
    }

    private static String newId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    // ---------------------------------------------------------------- plumbing

    /** Counts the bytes read through it: the raw request size. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** Deletes the attachment files no Import kept. */
    private static void deleteParts(List<MultipartRelatedReader.Part> parts, List<Path> kept) {
        for (MultipartRelatedReader.Part part : parts) {
            if (!kept.contains(part.file())) {
                deleteQuietly(part.file());
            }
        }
    }
}

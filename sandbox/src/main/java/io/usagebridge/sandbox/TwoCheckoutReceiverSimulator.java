package io.usagebridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulates 2Checkout's usage upload receiver
 * ({@code POST /subscription/payperusage/receiver/index.php}, multipart/form-data).
 *
 * <p>Checks run in the receiver's order: merchant, then the file's MD5 against {@code file_MD5},
 * then the HMAC in {@code hash}. The answer is always HTTP 200 text/html: the body decides
 * ({@code 1} or one of the three error texts). Fault knobs make the next requests fail, hang or
 * lose their connection, for testing a client's retry and uncertainty handling.
 */
public final class TwoCheckoutReceiverSimulator extends SimulatorServer<Arrival> {

    public static final String PATH = "/subscription/payperusage/receiver/index.php";
    public static final String ACCEPTED = "1";
    public static final String INVALID_ACCOUNT = "Invalid account!";
    public static final String BAD_FILE_SIGNATURE = "Bad signature on the received file!";
    public static final String INVALID_SIGNATURE = "Invalid signature";
    public static final List<String> DEFAULT_SIGNED_FIELDS = List.of("merchant", "secret_key", "file_MD5");
    public static final String DEFAULT_FILE_PART_NAME = "file";

    private static final Logger LOG = LoggerFactory.getLogger(TwoCheckoutReceiverSimulator.class);
    private static final String HTML = "text/html; charset=UTF-8";

    private final Map<String, String> accounts = new ConcurrentHashMap<>();
    private final List<ReceivedUpload> records = new ArrayList<>();
    private volatile List<String> signedFields = DEFAULT_SIGNED_FIELDS;
    private volatile String filePartName = DEFAULT_FILE_PART_NAME;

    /** Stores received files in a temp directory that {@link #stop()} deletes. */
    public TwoCheckoutReceiverSimulator() {
        this(null);
    }

    /** Stores received files in {@code storageDir}, which is kept after {@link #stop()}. */
    public TwoCheckoutReceiverSimulator(Path storageDir) {
        super("twocheckout", storageDir, PATH);
    }

    public void addAccount(String merchant, String secretKey) {
        accounts.put(merchant, secretKey);
    }

    /** Which fields enter the HMAC, in order. */
    public void setSignedFields(List<String> names) {
        signedFields = List.copyOf(names);
    }

    /** The form field name of the file part. */
    public void setFilePartName(String name) {
        filePartName = name;
    }

    /**
     * Processes and keeps the next {@code n} uploads as usual (they count in {@link #accepted()} when valid), then
     * answers {@code httpStatus} instead of the verdict: the receiver stored the file and failed afterwards.
     */
    public void failAfterStoreNext(int n, int httpStatus) {
        faults().failAfterStoreNext(n, httpStatus);
    }

    /** The receiver's endpoint. */
    public String url() {
        return baseUrl() + PATH;
    }

    /** Every processed request (faulted ones are not processed), oldest first. */
    public List<ReceivedUpload> received() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** The processed requests answered {@code 1}. */
    public List<ReceivedUpload> accepted() {
        return received().stream().filter(ReceivedUpload::accepted).toList();
    }

    /** MD5 of the file in the last processed request, or null. */
    public String lastFileMd5() {
        List<ReceivedUpload> all = received();
        return all.isEmpty() ? null : all.get(all.size() - 1).fileMd5();
    }

    /**
     * Forgets the records (deleting their stored files), the request count and the fault knobs,
     * and restores the default signed fields and file part name. Accounts stay.
     */
    public void reset() {
        List<ReceivedUpload> old;
        synchronized (records) {
            old = List.copyOf(records);
            records.clear();
        }
        old.forEach(upload -> deleteQuietly(upload.file()));
        resetCountsAndFaults();
        signedFields = DEFAULT_SIGNED_FIELDS;
        filePartName = DEFAULT_FILE_PART_NAME;
    }

    // ---------------------------------------------------------------- the receiver

    @Override
    protected Arrival receive(HttpExchange exchange) {
        return Arrival.now(exchange);
    }

    @Override
    protected Reply process(Arrival arrival) throws IOException {
        MultipartForm form = readForm(arrival.exchange());
        Optional<MultipartForm.FilePart> filePart = form.file(filePartName);
        for (MultipartForm.FilePart other : form.files()) {
            if (filePart.isEmpty() || other != filePart.get()) {
                deleteQuietly(other.file());
            }
        }
        String reply = verdict(form.fields(), filePart);
        ReceivedUpload upload = new ReceivedUpload(form.fields(),
                filePart.map(MultipartForm.FilePart::fileName).orElse(null),
                filePart.map(MultipartForm.FilePart::file).orElse(null),
                filePart.map(MultipartForm.FilePart::size).orElse(0L),
                filePart.map(MultipartForm.FilePart::md5).orElse(null),
                reply, requestHeaders(arrival.exchange()), arrival.receivedAt());
        // kept before any hold: an upload whose answer is held has arrived
        synchronized (records) {
            records.add(upload);
        }
        LOG.info("2Checkout simulator: merchant={} file={} size={} md5={} -> {}",
                upload.fields().get("merchant"), upload.fileName(), upload.size(), upload.fileMd5(), reply);
        // HTTP 200 on failure too: the body decides
        return Reply.text(200, HTML, reply);
    }

    @Override
    protected Reply failure(Arrival arrival, int status) {
        return Reply.text(status, HTML, "<html><body><h1>" + status + "</h1>simulated failure</body></html>");
    }

    @Override
    protected void describeState(ObjectNode state) {
        List<ReceivedUpload> all = received();
        state.put("processedCount", all.size())
                .put("acceptedCount", all.stream().filter(ReceivedUpload::accepted).count());
        ArrayNode uploads = state.putArray("uploads");
        for (ReceivedUpload upload : all) {
            uploads.addObject().put("merchant", upload.fields().get("merchant")).put("fileName", upload.fileName())
                    .put("size", upload.size()).put("md5", upload.fileMd5()).put("reply", upload.reply())
                    .put("accepted", upload.accepted()).put("receivedAt", upload.receivedAt().toString());
        }
    }

    private MultipartForm readForm(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        InputStream body = exchange.getRequestBody();
        if (MultipartFormReader.boundaryOf(contentType) == null) {
            body.transferTo(OutputStream.nullOutputStream());
            return MultipartForm.EMPTY;
        }
        try {
            return new MultipartFormReader(storageDir()).read(body, contentType);
        } catch (IOException e) {
            // PHP hands a script an empty $_POST for a body it cannot parse: the merchant check fails
            LOG.warn("2Checkout simulator could not parse the multipart body: {}", e.getMessage());
            return MultipartForm.EMPTY;
        }
    }

    private String verdict(Map<String, String> fields, Optional<MultipartForm.FilePart> filePart) {
        String merchant = fields.get("merchant");
        String secretKey = merchant == null ? null : accounts.get(merchant);
        if (secretKey == null) {
            return INVALID_ACCOUNT;
        }
        String receivedMd5 = filePart.map(MultipartForm.FilePart::md5).orElse(null);
        if (receivedMd5 == null || !receivedMd5.equals(fields.get("file_MD5"))) {
            return BAD_FILE_SIGNATURE;
        }
        List<String> signedValues = signedFields.stream().map(name -> fields.getOrDefault(name, "")).toList();
        if (!TwoCheckoutHmac.hash(secretKey, signedValues).equals(fields.get("hash"))) {
            return INVALID_SIGNATURE;
        }
        return ACCEPTED;
    }
}

package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.sandbox.zuorasoap.ZuoraImport;
import io.usagebridge.sandbox.zuorasoap.ZuoraSoapCall;
import io.usagebridge.sandbox.zuorasoap.ZuoraSoapSimulator;
import io.usagebridge.sandbox.zuorasoap.ZuoraWsdlSchemas;
import io.usagebridge.targets.zuora.soap.ZuoraSoapFailureCode;
import io.usagebridge.targets.zuora.soap.ZuoraSoapRequest;

/**
 * The Zuora SOAP import target (routes/available/target-zuora-soap.camel.yaml) against the sandbox's Zuora SOAP
 * simulator: create() over MTOM, followed with query() to the end, the result kept beside the source.
 */
class ZuoraSoapImportTargetTest extends ZuoraSoapTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ZuoraSoapImportTargetTest.class);

    private static final String HEADER = "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION";
    private static final String USAGE = HEADER + "\n"
            + "A00000001,Each,10,11/01/2026,11/01/2026,,,api calls\n"
            + "A00000002,GB,2.5,11/02/2026,,,,storage\n";
    private static final String API = "http://api.zuora.com/";
    private static final String OBJECT = "http://object.api.zuora.com/";
    private static final String XOP = "http://www.w3.org/2004/08/xop/include";
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

    /** Alters a create() just before it is sent, to see how Zuora's refusals are read; null sends it as built. */
    private volatile Processor tamper;

    @BeforeEach
    void watchCreate() throws Exception {
        AdviceWith.adviceWith(context, "zuora-soap-call", route -> route.interceptSendToEndpoint("cxf:*")
                .process(exchange -> {
                    Processor change = tamper;
                    if (change != null && "create".equals(exchange.getIn().getHeader(CxfConstants.OPERATION_NAME))) {
                        change.process(exchange);
                    }
                }));
    }

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        // the password by reference, as in production: a mounted secret file
        p.put("target.zuora.password", "{{secretfile:" + secretFile() + "}}");
        // the caps raised past the 1.1 MB value with which Zuora's own refusal is shown (the defaults refuse it here)
        p.put("csv.max-record-chars", "2097152");
        p.put("csv.max-field-chars", "2097152");
        return p;
    }

    private Path secretFile() {
        try {
            Path file = Files.createDirectories(data.resolve("secrets")).resolve("zuora-password");
            Files.writeString(file, PASSWORD + "\n");
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void usageCsvReachesZuoraAsMtomAttachmentAndIsFollowedToCompleted() throws Exception {
        drop("zuora/usage.csv", USAGE);
        Path done = data.resolve("done/zuora/usage.csv");
        Path result = data.resolve("done/zuora/usage.csv.zuora-result.zip");
        await().atMost(30, SECONDS).until(() -> Files.exists(done) && Files.exists(result));

        assertEquals(USAGE, Files.readString(done));
        ZuoraImport received = zuora.imports().get(0);
        assertEquals(1, zuora.imports().size());
        assertTrue(received.mtom(), "FileContent was an xop:Include of a MIME part");
        assertEquals("text/csv; name=usage.csv", received.contentType());
        assertEquals(md5(USAGE.getBytes(StandardCharsets.UTF_8)), received.md5(), "the shaped file is the source");
        assertEquals(received.md5(), received.md5Field(), "Md5 of exactly the attached bytes");
        assertEquals("usage.csv", received.name());
        assertEquals("Usage", received.importType());

        ZuoraSoapCall create = zuora.calls("create").get(0);
        assertTrue(create.mtom(), create.contentType());
        String root = new String(create.rootPart(), StandardCharsets.UTF_8);
        assertTrue(root.contains("<xop:Include") && root.contains("href=\"cid:"), root);
        String base64 = Base64.getEncoder().encodeToString(USAGE.getBytes(StandardCharsets.UTF_8));
        assertFalse(root.contains(base64.substring(0, 24)), "no base64 of the file in the envelope: " + root);
        assertFalse(root.contains("A00000001"), "no file content in the envelope");
        assertTrue(root.contains("<api:session>"), "the SessionHeader is sent");
        assertFalse(root.contains(PASSWORD), "the password goes in login() only");

        DeliveryRow delivery = ledger().deliveries().deliveriesTo("zuora").get(0);
        assertEquals(DeliveryState.ACCEPTED, delivery.state());
        assertEquals(received.id(), delivery.remoteId());
        assertEquals("Completed", delivery.remoteStatus());
        assertEquals(2L, delivery.remoteTotal());
        assertEquals(2L, delivery.remoteImported());
        assertEquals(received.md5(), delivery.chunkMd5());
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(result))) {
            assertNotNull(zip.getNextEntry(), "the result is a zipped CSV");
            String csv = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(csv.contains("A00000002") && csv.contains("Imported"), csv);
        }
        ZuoraSoapCall download = zuora.calls("download").get(0);
        assertEquals(200, download.httpStatus());
        assertEquals(create.session(), download.session(), "the result is fetched with the session");
    }

    @Test
    void envelopesAreValidAgainstZuorasWsdlSchemasOnceXopDecoded() throws Exception {
        Schema schema = ZuoraWsdlSchemas.load();
        drop("zuora/usage.csv", USAGE);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora/usage.csv")));

        ZuoraImport received = zuora.imports().get(0);
        String fileBase64 = Base64.getEncoder().encodeToString(Files.readAllBytes(received.file()));
        int checked = 0;
        for (ZuoraSoapCall call : zuora.calls()) {
            if (call.rootPart() == null) {
                continue; // the result download is a plain GET
            }
            Document envelope = ZuoraWsdlSchemas.newBuilder().parse(new ByteArrayInputStream(call.rootPart()));
            int includes = xopDecode(envelope, fileBase64);
            assertEquals("create".equals(call.operation()) ? 1 : 0, includes, call.operation());
            for (Element part : headerAndBodyElements(envelope)) {
                schema.newValidator().validate(new DOMSource(part));
                checked++;
            }
            if ("create".equals(call.operation())) {
                Element fileContent = (Element) envelope.getElementsByTagNameNS(OBJECT, "FileContent").item(0);
                assertEquals(fileBase64, fileContent.getTextContent());
            }
        }
        List<String> operations = zuora.calls().stream().map(ZuoraSoapCall::operation).distinct().toList();
        assertTrue(operations.containsAll(List.of("login", "create", "query")), operations.toString());
        assertTrue(checked >= 6, checked + " elements checked"); // login; SessionHeader + create; queries
    }

    @Test
    void fourMegabyteFileTravelsWithinOnePercentOfItsSize() throws Exception {
        Path source = writeUsage("four-mb.csv", 4_100_000, new Random(4));
        long size = Files.size(source);
        dropFile(source, "zuora/four-mb.csv");
        await().atMost(60, SECONDS).until(() -> Files.exists(data.resolve("done/zuora/four-mb.csv")));

        ZuoraImport received = zuora.imports().get(0);
        assertEquals(size, received.size(), "sent as the CSV it is: within the limit, not zipped");
        assertTrue(size <= 4_194_304L);
        ZuoraSoapCall create = zuora.calls("create").get(0);
        long overhead = create.requestBytes() - size;
        LOG.info("MTOM create() of a {}-byte file: {} bytes on the wire, {} bytes ({}%) above the file", size,
                create.requestBytes(), overhead, String.format("%.3f", 100.0 * overhead / size));
        assertTrue(create.mtom());
        long envelope = 4_096;
        assertTrue(create.requestBytes() <= size + size / 100 + envelope, create.requestBytes() + " bytes for a "
                + size + "-byte file");
    }

    @Test
    void nineMegabyteFileGoesAsSeveralImportsEachWithinZuorasLimits() throws Exception {
        // random values barely compress: the zip of the whole file is still over 4194304 bytes
        Path source = writeUsage("big.csv", 9_000_000, new Random(9));
        dropFile(source, "zuora/big.csv");
        await().atMost(90, SECONDS).until(() -> Files.exists(data.resolve("done/zuora/big.csv")));

        List<ZuoraImport> imports = zuora.imports();
        int parts = imports.size();
        assertTrue(parts >= 2, parts + " imports");
        try (BufferedReader expected = Files.newBufferedReader(data.resolve("done/zuora/big.csv"))) {
            assertEquals(HEADER, expected.readLine());
            for (int i = 0; i < parts; i++) {
                ZuoraImport part = imports.get(i);
                assertTrue(part.accepted(), part.errorMessage());
                assertTrue(part.size() <= ZuoraSoapSimulator.MAX_FILE_SIZE, part.size() + " bytes");
                assertTrue(part.fileName().length() < 50, part.fileName());
                // a part within the limit goes as CSV, a larger one zipped
                String stem = String.format("big.part-%03d-of-%03d", i + 1, parts);
                assertTrue(part.fileName().equals(stem + ".zip") || part.fileName().equals(stem + ".csv"),
                        part.fileName());
                assertEquals("big.csv (part " + (i + 1) + " of " + parts + ")", part.name());
                assertEquals(part.md5(), part.md5Field());
                assertEquals("Completed", part.status());
                assertRowsMatch(part, expected);
            }
            assertNull(expected.readLine(), "every row went in one of the parts");
        }
        List<DeliveryRow> deliveries = ledger().deliveries().deliveriesTo("zuora");
        assertEquals(parts, deliveries.size());
        for (DeliveryRow delivery : deliveries) {
            assertEquals(DeliveryState.ACCEPTED, delivery.state());
            assertEquals(parts, delivery.chunkCount());
            assertEquals(deliveries.get(0).sourceId(), delivery.sourceId(), "all tied to the one source");
            assertEquals(imports.get(delivery.chunkNo() - 1).id(), delivery.remoteId());
            assertTrue(Files.exists(data.resolve("done/zuora/big.csv.zuora-chunk-" + delivery.chunkNo()
                    + "-result.zip")));
        }
    }

    @Test
    void longFileNameIsShortenedForTheAttachmentAndKeptAsTheImportName() throws Exception {
        String name = "usage-export-for-tenant-acme-corporation-emea-2026-11-full-month.csv";
        drop("zuora/" + name, USAGE);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora/" + name)));

        ZuoraImport received = zuora.imports().get(0);
        assertTrue(received.accepted(), received.errorMessage());
        assertTrue(received.fileName().length() < 50, received.fileName());
        assertTrue(received.fileName().endsWith(".csv"), received.fileName());
        assertEquals(name, received.name());
    }

    enum Refusal {
        NO_FILE_NAME(ZuoraSoapFailureCode.ZUORA_IMPORT_NO_FILE_NAME, ZuoraSoapSimulator.NO_FILE_NAME),
        MD5_MISMATCH(ZuoraSoapFailureCode.ZUORA_IMPORT_MD5_MISMATCH, ZuoraSoapSimulator.MD5_MISMATCH),
        TOO_LARGE(ZuoraSoapFailureCode.ZUORA_IMPORT_TOO_LARGE, ZuoraSoapSimulator.FILE_TOO_LARGE),
        ZIP_WITH_DIRECTORY(ZuoraSoapFailureCode.ZUORA_IMPORT_ZIP_HAS_DIRECTORY, ZuoraSoapSimulator.ZIP_WITH_DIRECTORY);

        final FailureCode code;
        final String message;

        Refusal(FailureCode code, String message) {
            this.code = code;
            this.message = message;
        }
    }

    /** UsageBridge never sends what Zuora refuses here, so each test bends one thing of the create() on its way. */
    @ParameterizedTest
    @EnumSource(Refusal.class)
    void eachOfZuorasDocumentedRefusalsLandsInFailedWithItsCode(Refusal refusal) throws Exception {
        tamper = exchange -> bend(exchange, refusal);
        drop("zuora/refused.csv", USAGE);
        Path sidecar = data.resolve("failed/zuora/refused.csv.error.json");
        // the sidecar is written first, the original moved when the intake commits: wait for both
        await().atMost(30, SECONDS).until(() -> Files.exists(sidecar)
                && Files.exists(data.resolve("failed/zuora/refused.csv")));

        JsonNode error = new ObjectMapper().readTree(sidecar.toFile());
        assertEquals(refusal.code.name(), error.get("code").asText());
        assertTrue(error.get("targetReply").asText().contains(refusal.message), error.toString());
        assertFalse(error.get("retryable").asBoolean());
        assertEquals(USAGE, Files.readString(data.resolve("failed/zuora/refused.csv")));
        assertEquals(refusal.message, zuora.imports().get(0).errorMessage());
        assertEquals(1, zuora.calls("create").size(), "a refusal is not retried");
        assertEquals(DeliveryState.REJECTED, ledger().deliveries().deliveriesTo("zuora").get(0).state());
        assertFalse(Files.readString(sidecar).contains(PASSWORD));
    }

    @Test
    void importThatZuoraFailsLandsInFailedWithItsStatusReason() throws Exception {
        // a value the contract (and the raised csv caps) allow but Zuora's import cannot read (over 1048576 characters)
        Path source = data.resolve("staging/long-description.csv");
        Files.createDirectories(source.getParent());
        try (Writer out = Files.newBufferedWriter(source, StandardCharsets.UTF_8)) {
            out.write(USAGE);
            out.write("A00000003,Each,1,11/03/2026,,,,");
            for (int i = 0; i < 1_100; i++) {
                out.write("x".repeat(1_000));
            }
            out.write('\n');
        }
        dropFile(source, "zuora/long-description.csv");
        Path sidecar = data.resolve("failed/zuora/long-description.csv.error.json");
        await().atMost(30, SECONDS).until(() -> Files.exists(sidecar)
                && Files.exists(data.resolve("failed/zuora/long-description.csv")));

        JsonNode error = new ObjectMapper().readTree(sidecar.toFile());
        assertEquals(CoreFailureCode.REMOTE_JOB_FAILED.name(), error.get("code").asText());
        assertTrue(error.get("targetReply").asText().contains("StatusReason=" + "The file cannot be read as CSV"),
                error.toString());
        DeliveryRow delivery = ledger().deliveries().deliveriesTo("zuora").get(0);
        assertEquals(DeliveryState.REJECTED, delivery.state());
        assertEquals("Failed", delivery.remoteStatus());
        assertTrue(Files.exists(data.resolve("failed/zuora/long-description.csv")));
        assertTrue(Files.exists(data.resolve("failed/zuora/long-description.csv.zuora-result.zip")),
                "Zuora's result file is kept beside the failed source too");
    }

    @Test
    void expiredSessionIsRenewedOnceAndTheUploadSucceeds() throws Exception {
        drop("zuora/first.csv", USAGE);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora/first.csv")));
        zuora.expireSessions();
        drop("zuora/second.csv", USAGE.replace("A00000002", "A00000003"));
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora/second.csv")));

        List<ZuoraSoapCall> creates = zuora.calls("create");
        assertEquals(3, creates.size());
        assertNull(creates.get(0).faultCode());
        assertEquals("INVALID_SESSION", creates.get(1).faultCode());
        assertNull(creates.get(2).faultCode());
        assertEquals(creates.get(0).session(), creates.get(1).session());
        assertNotEquals(creates.get(1).session(), creates.get(2).session(), "the retry carries a new session");
        assertEquals(2, zuora.calls("login").size());
        assertEquals(2, zuora.imports().stream().filter(ZuoraImport::accepted).count());
        assertTrue(ledger().deliveries().deliveriesTo("zuora").stream().allMatch(d -> d.state() == DeliveryState.ACCEPTED));
    }

    @Test
    void sessionThatExpiresWhileTheImportIsFollowedIsRenewed() throws Exception {
        zuora.setQueriesToComplete(5);
        drop("zuora/usage.csv", USAGE);
        await().atMost(30, SECONDS).pollInterval(Duration.ofMillis(10))
                .until(() -> !zuora.calls("query").isEmpty());
        zuora.expireSessions();
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora/usage.csv")));

        List<ZuoraSoapCall> queries = zuora.calls("query");
        assertEquals(1, queries.stream().filter(q -> "INVALID_SESSION".equals(q.faultCode())).count());
        assertEquals(2, zuora.calls("login").size());
        assertEquals("Completed", ledger().deliveries().deliveriesTo("zuora").get(0).remoteStatus());
        assertEquals(queries.get(queries.size() - 1).session(), zuora.calls("download").get(0).session());
    }

    @Test
    void serverErrorOnCreateIsRetriedAndTheFileArrivesOnce() throws Exception {
        drop("zuora/first.csv", USAGE);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora/first.csv")));
        zuora.failNext(1, 503);
        drop("zuora/second.csv", USAGE.replace("A00000002", "A00000003"));
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora/second.csv")));

        assertEquals(List.of(200, 503, 200), zuora.calls("create").stream().map(ZuoraSoapCall::httpStatus).toList());
        assertEquals(2, zuora.imports().size());
    }

    @Test
    void createCutShortIsUncertainAndNeverSentAgain() throws Exception {
        drop("zuora/first.csv", USAGE);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora/first.csv")));
        zuora.dropNext(1);
        drop("zuora/second.csv", USAGE.replace("A00000002", "A00000003"));
        Path sidecar = data.resolve("failed/zuora/second.csv.error.json");
        await().atMost(30, SECONDS).until(() -> Files.exists(sidecar)
                && Files.exists(data.resolve("failed/zuora/second.csv")));

        assertEquals(CoreFailureCode.DELIVERY_UNCERTAIN.name(),
                new ObjectMapper().readTree(sidecar.toFile()).get("code").asText());
        assertEquals(2, zuora.calls("create").size(), "create() has no idempotency key: not resent");
    }

    // ------------------------------------------------------------------ helpers

    /** Bends one thing of the create() about to be sent, the way that makes Zuora answer {@code refusal}. */
    private static void bend(Exchange exchange, Refusal refusal) throws Exception {
        ZuoraSoapRequest.CreateImport create = exchange.getProperty(ExchangeKeys.SOAP_REQUEST,
                ZuoraSoapRequest.CreateImport.class);
        Path work = create.file().getParent();
        switch (refusal) {
            case NO_FILE_NAME -> replaceAttachment(exchange, create.file(), "text/csv");
            case MD5_MISMATCH -> setMd5(exchange, "0".repeat(32));
            case TOO_LARGE -> {
                Path big = work.resolve("too-large.csv");
                try (OutputStream out = Files.newOutputStream(big)) {
                    byte[] line = "A00000001,Each,1,11/01/2026,,,,padding\n".getBytes(StandardCharsets.UTF_8);
                    for (long written = 0; written <= ZuoraSoapSimulator.MAX_FILE_SIZE; written += line.length) {
                        out.write(line);
                    }
                }
                replaceAttachment(exchange, big, "text/csv; name=refused.csv");
                setMd5(exchange, md5(big));
            }
            case ZIP_WITH_DIRECTORY -> {
                Path zip = work.resolve("with-directory.zip");
                try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                    out.putNextEntry(new ZipEntry("usage/refused.csv"));
                    Files.copy(create.file(), out);
                    out.closeEntry();
                }
                replaceAttachment(exchange, zip, "application/zip; name=refused.zip");
                setMd5(exchange, md5(zip));
            }
        }
    }

    private static void replaceAttachment(Exchange exchange, Path file, String contentType) {
        AttachmentMessage message = exchange.getIn(AttachmentMessage.class);
        String id = message.getAttachmentNames().iterator().next();
        message.removeAttachment(id);
        message.addAttachment(id, new DataHandler(new DataSource() {
            @Override
            public InputStream getInputStream() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public OutputStream getOutputStream() {
                throw new UnsupportedOperationException();
            }

            @Override
            public String getContentType() {
                return contentType;
            }

            @Override
            public String getName() {
                return file.getFileName().toString();
            }
        }));
    }

    private static void setMd5(Exchange exchange, String md5) {
        CxfPayload<?> payload = exchange.getIn().getBody(CxfPayload.class);
        Element operation = payload.getBody().get(0);
        operation.getElementsByTagNameNS(OBJECT, "Md5").item(0).setTextContent(md5);
        payload.setBodySources(List.of(new DOMSource(operation)));
    }

    /** Replaces each xop:Include by the base64 text it stands for; returns how many there were. */
    private static int xopDecode(Document envelope, String base64) {
        NodeList includes = envelope.getElementsByTagNameNS(XOP, "Include");
        int count = includes.getLength();
        while (includes.getLength() > 0) {
            Node include = includes.item(0);
            Node parent = include.getParentNode();
            parent.removeChild(include);
            parent.setTextContent(base64);
        }
        return count;
    }

    /** The SOAP header entries and the Body's operation element: what the WSDL's schemas describe. */
    private static List<Element> headerAndBodyElements(Document envelope) {
        Element root = envelope.getDocumentElement();
        assertEquals(SOAP11, root.getNamespaceURI());
        List<Element> found = new ArrayList<>();
        for (Node section = root.getFirstChild(); section != null; section = section.getNextSibling()) {
            if (section instanceof Element element) {
                for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child instanceof Element part) {
                        assertTrue(API.equals(part.getNamespaceURI()), part.getNamespaceURI());
                        found.add(part);
                    }
                }
            }
        }
        return found;
    }

    /** Compares one received import (zip or CSV) with the next rows of the source. */
    private static void assertRowsMatch(ZuoraImport received, BufferedReader expected) throws IOException {
        if (received.fileName().endsWith(".csv")) {
            try (BufferedReader part = Files.newBufferedReader(received.file(), StandardCharsets.UTF_8)) {
                assertRowsMatch(part, expected);
            }
            return;
        }
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(received.file()))) {
            ZipEntry entry = zip.getNextEntry();
            assertNotNull(entry);
            assertFalse(entry.getName().contains("/"), entry.getName());
            assertRowsMatch(new BufferedReader(new InputStreamReader(zip, StandardCharsets.UTF_8)), expected);
            assertNull(zip.getNextEntry(), "one file in the zip");
        }
    }

    private static void assertRowsMatch(BufferedReader part, BufferedReader expected) throws IOException {
        assertEquals(HEADER, part.readLine(), "every part has the header");
        for (String row = part.readLine(); row != null; row = part.readLine()) {
            assertEquals(expected.readLine(), row);
        }
    }

    /** A usage CSV of about {@code bytes} bytes, already in Zuora's shape, with values that barely compress. */
    private Path writeUsage(String name, long bytes, Random random) throws IOException {
        Path file = data.resolve("staging").resolve(name);
        Files.createDirectories(file.getParent());
        byte[] noise = new byte[96];
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            long written = HEADER.length() + 1;
            for (int i = 0; ; i++) {
                random.nextBytes(noise);
                String row = String.format("A%08d,Each,%d,11/%02d/2026,,,,%s\n", i, i % 97 + 1, i % 28 + 1,
                        Base64.getUrlEncoder().withoutPadding().encodeToString(noise));
                if (written + row.length() > bytes) {
                    break;
                }
                out.write(row);
                written += row.length();
            }
        }
        return file;
    }

    /** Moves a file written elsewhere into the inbox whole. */
    private void dropFile(Path file, String name) throws IOException {
        Path target = inbox().resolve(name);
        Files.createDirectories(target.getParent());
        Files.move(file, target);
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    private static String md5(Path file) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                md5.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }
}

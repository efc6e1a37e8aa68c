package io.usagebridge.sandbox.zuorasoap;

import io.usagebridge.sandbox.MutableClock;
import io.usagebridge.sandbox.SandboxState;
import com.fasterxml.jackson.databind.JsonNode;
import static io.usagebridge.sandbox.zuorasoap.SoapEnvelopes.API;
import static io.usagebridge.sandbox.zuorasoap.SoapEnvelopes.OBJECT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usagebridge.sandbox.zuorasoap.SoapTestClient.SoapResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class ZuoraSoapSimulatorTest {

    private static final String USER = "usage-api@example.com";
    private static final String PASSWORD = "sandbox-password";
    private static final String SAMPLE_MD5 = "f3d1f8022f6f5d5d401b568cceccf734";

    @TempDir
    Path work;

    private ZuoraSoapSimulator simulator;
    private SoapTestClient client;

    @BeforeEach
    void startSimulator() throws IOException {
        simulator = new ZuoraSoapSimulator();
        simulator.addUser(USER, PASSWORD);
        simulator.start(0);
        client = new SoapTestClient(simulator);
    }

    @AfterEach
    void stopSimulator() {
        simulator.stop();
    }

    // ------------------------------------------------------------------ login and sessions

    @Test
    void loginReturnsSessionAndServerUrl() throws Exception {
        SoapResponse response = client.post(SoapEnvelopes.login(USER, PASSWORD));

        assertEquals(200, response.status());
        assertEquals("text/xml; charset=utf-8", response.contentType());
        assertTrue(response.body().contains("<ns1:loginResponse xmlns:ns1=\"http://api.zuora.com/\">"), response.body());
        String session = response.text(API, "Session");
        assertTrue(session.length() >= 32, session);
        assertEquals(simulator.url(), response.text(API, "ServerUrl"));
        assertTrue(simulator.url().endsWith("/apps/services/a/45.0"));
        assertNotEquals(session, client.login(USER, PASSWORD), "every login gets its own session");
        assertEquals("login", simulator.calls().get(0).operation());
    }

    @Test
    void loginAnswersAnotherServerUrlWhenToldUntilReset() throws Exception {
        simulator.answerServerUrl("http://other-host.example.com/apps/services/a/45.0");
        assertEquals("http://other-host.example.com/apps/services/a/45.0",
                client.post(SoapEnvelopes.login(USER, PASSWORD)).text(API, "ServerUrl"));

        simulator.reset();
        assertEquals(simulator.url(), client.post(SoapEnvelopes.login(USER, PASSWORD)).text(API, "ServerUrl"));
    }

    @Test
    void badPasswordGetsLoginFaultWithInvalidValue() throws Exception {
        SoapResponse response = client.post(SoapEnvelopes.login(USER, "wrong"));

        assertEquals(500, response.status());
        assertEquals("text/xml; charset=utf-8", response.contentType());
        assertEquals("fns:INVALID_VALUE", response.text("", "faultcode"));
        assertEquals("LoginFault", response.faultDetail());
        assertEquals("INVALID_VALUE", response.faultCode());
        assertEquals(ZuoraSoapSimulator.INVALID_LOGIN, response.text(SoapEnvelopes.FAULT, "FaultMessage"));
        assertEquals("INVALID_VALUE", simulator.calls().get(0).faultCode());
    }

    @Test
    void expiredSessionGetsInvalidSessionFaultAndReloginWorks() throws Exception {
        String session = client.login(USER, PASSWORD);
        simulator.expireSessions();

        SoapResponse expired = createMtom(session, "text/csv; name=usage.csv", sample(), null, "usage.csv");

        assertEquals(500, expired.status());
        assertEquals("fns:INVALID_SESSION", expired.text("", "faultcode"));
        assertEquals("INVALID_SESSION", expired.faultCode());
        assertEquals("UnexpectedErrorFault", expired.faultDetail());
        assertTrue(simulator.imports().isEmpty(), "nothing is processed under a dead session");

        String fresh = client.login(USER, PASSWORD);
        SoapResponse retried = createMtom(fresh, "text/csv; name=usage.csv", sample(), null, "usage.csv");

        assertEquals("true", retried.text(API, "Success"));
        assertEquals(List.of("login", "create", "login", "create"),
                simulator.calls().stream().map(ZuoraSoapCall::operation).toList());
        assertEquals("INVALID_SESSION", simulator.calls().get(1).faultCode());
        assertEquals(session, simulator.calls().get(1).session());
    }

    @Test
    void missingOrUnknownSessionGetsInvalidSession() throws Exception {
        assertEquals("INVALID_SESSION", client.query(null, "select Id from Import").faultCode());
        assertEquals("INVALID_SESSION", client.query("not-a-session", "select Id from Import").faultCode());
    }

    @Test
    void idleSessionExpiresByTheClock() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2024-03-01T10:00:00Z"));
        simulator.setClock(clock);
        simulator.setSessionIdleTimeout(Duration.ofMinutes(15));
        String session = client.login(USER, PASSWORD);

        clock.advance(Duration.ofMinutes(14));
        assertEquals(200, client.query(session, "select Id from Import").status());
        clock.advance(Duration.ofMinutes(14));
        assertEquals(200, client.query(session, "select Id from Import").status(), "use keeps a session alive");
        clock.advance(Duration.ofMinutes(16));
        assertEquals("INVALID_SESSION", client.query(session, "select Id from Import").faultCode());
    }

    // ------------------------------------------------------------------ create over MTOM, then status and result

    @Test
    void mtomCreateOfReferenceSampleCompletesWithOneRowAndResultZip() throws Exception {
        byte[] sample = sample();
        assertEquals(SAMPLE_MD5, md5(sample), "the test resource is the reference sample, byte for byte");
        String session = client.login(USER, PASSWORD);
        Path body = Files.createTempFile(work, "body-", ".bin");
        MtomPackage mtom = new MtomPackage(SoapEnvelopes.create(session, SoapEnvelopes.importObject(
                SoapEnvelopes.xopInclude("cid:usage-1%40usagebridge.io"), "Usage", SAMPLE_MD5,
                "zuora-sample-usage.csv")))
                .attach("usage-1@usagebridge.io", "text/csv; name=zuora-sample-usage.csv", sample);
        mtom.writeTo(body);

        SoapResponse created = client.post(mtom, work);

        assertEquals(200, created.status(), created.body());
        assertTrue(created.body().contains("<ns1:createResponse xmlns:ns1=\"http://api.zuora.com/\"><ns1:result><ns1:Id>"),
                created.body());
        String id = created.text(API, "Id");
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        assertEquals("true", created.text(API, "Success"));

        ZuoraImport received = simulator.importById(id).orElseThrow();
        assertTrue(received.mtom());
        assertEquals(FileContentForm.XOP_INCLUDE, received.contentForm());
        assertEquals(SAMPLE_MD5, received.md5());
        assertEquals(109, received.size());
        assertArrayEquals(sample, Files.readAllBytes(received.file()));
        assertEquals("text/csv; name=zuora-sample-usage.csv", received.contentType());
        assertEquals("zuora-sample-usage.csv", received.fileName());
        assertEquals("zuora-sample-usage.csv", received.name());
        assertEquals(SAMPLE_MD5, received.md5Field());
        assertEquals("Usage", received.importType());
        assertEquals(Files.size(body), received.requestBytes());
        String rootPart = new String(received.rootPart(), StandardCharsets.UTF_8);
        assertTrue(rootPart.startsWith("<soap:Envelope") && rootPart.contains("<xop:Include"), rootPart);
        ZuoraSoapCall call = simulator.calls("create").get(0);
        assertTrue(call.mtom());
        assertEquals(Files.size(body), call.requestBytes());
        assertEquals(List.of(id), call.importIds());
        assertEquals(session, call.session());

        SoapResponse first = client.query(session, statusQuery(id));
        assertEquals("Pending", first.text(OBJECT, "Status"));
        assertNull(first.text(OBJECT, "ResultResourceUrl"), "no result before the import finished");
        SoapResponse second = client.query(session, statusQuery(id));

        assertEquals("Completed", second.text(OBJECT, "Status"));
        assertEquals("1", second.text(OBJECT, "TotalCount"));
        assertEquals("1", second.text(OBJECT, "ImportedCount"));
        assertNull(second.text(OBJECT, "StatusReason"));
        String resultUrl = second.text(OBJECT, "ResultResourceUrl");
        assertEquals(simulator.baseUrl() + "/results/" + id + ".zip", resultUrl);

        HttpResponse<byte[]> download = client.get(resultUrl, "ZSession " + session);
        assertEquals(200, download.statusCode());
        assertEquals("application/zip", download.headers().firstValue("Content-Type").orElseThrow());
        List<String> lines = unzipSingleCsv(download.body()).lines().toList();
        assertEquals("ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION,RESULT,MESSAGE",
                lines.get(0));
        assertEquals(List.of("A66666666,Each,666,02/12/2014,,,,,Imported,"), lines.subList(1, lines.size()));
        assertEquals(401, client.get(resultUrl, null).statusCode());
        assertEquals(401, client.get(resultUrl, "ZSession not-a-session").statusCode());
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertEquals(200, client.get(resultUrl, "Basic " + basic).statusCode());
    }

    @Test
    void stateEndpointShowsTheImportsAcceptedAndRejected() throws Exception {
        String session = client.login(USER, PASSWORD);
        createMtom(session, "text/csv; name=usage.csv", sample(), SAMPLE_MD5, "usage.csv");
        createMtom(session, "text/csv; name=usage.csv", sample(), "0".repeat(32), "usage.csv");

        JsonNode state = SandboxState.of(simulator.baseUrl());

        assertEquals(3, state.get("callCount").asInt());
        assertEquals(2, state.get("importCount").asInt());
        assertEquals(1, state.get("acceptedImportCount").asInt());
        JsonNode accepted = state.get("imports").get(0);
        assertEquals(SAMPLE_MD5, accepted.get("md5").asText());
        assertEquals("Pending", accepted.get("status").asText());
        assertTrue(accepted.get("totalCount").isNull(), "rows are counted once the import is processed");
        assertEquals("INVALID_VALUE", state.get("imports").get(1).get("errorCode").asText());
    }

    @Test
    void cxfStyleContentIdsAndRootFoundByStartParameter() throws Exception {
        String session = client.login(USER, PASSWORD);
        MtomPackage mtom = new MtomPackage(SoapEnvelopes.create(session, SoapEnvelopes.importObject(
                SoapEnvelopes.xopInclude("cid:2f1b3a50-0d7b-4c2e-9d6a-3f0f1f7c9e11-1%40cxf.apache.org"),
                "Usage", null, "usage.csv")))
                .attach("2f1b3a50-0d7b-4c2e-9d6a-3f0f1f7c9e11-1@cxf.apache.org", "text/csv; name=usage.csv", sample())
                .rootLast();

        SoapResponse created = client.post(mtom, work);

        assertEquals("true", created.text(API, "Success"), created.body());
        assertEquals(SAMPLE_MD5, simulator.lastImport().md5());
    }

    @Test
    void bodyEndingRightAfterTheCloseDelimiterIsAccepted() throws Exception {
        String session = client.login(USER, PASSWORD);
        // CXF writes no CRLF after the close delimiter; the epilogue is optional (RFC 2046)
        MtomPackage mtom = new MtomPackage(SoapEnvelopes.create(session, SoapEnvelopes.importObject(
                SoapEnvelopes.xopInclude("cid:usage"), "Usage", SAMPLE_MD5, "usage.csv")))
                .attach("usage", "text/csv; name=usage.csv", sample())
                .withoutFinalCrlf();

        SoapResponse created = client.post(mtom, work);

        assertEquals("true", created.text(API, "Success"), created.body());
        assertEquals(SAMPLE_MD5, simulator.lastImport().md5());
    }

    @Test
    void packageFramedWithBareLineFeedsIsRefused() throws Exception {
        String session = client.login(USER, PASSWORD);
        // MTOM is CRLF-framed on the wire: a body with bare LFs has no delimiter Zuora would find
        MtomPackage mtom = new MtomPackage(SoapEnvelopes.create(session, SoapEnvelopes.importObject(
                SoapEnvelopes.xopInclude("cid:usage"), "Usage", SAMPLE_MD5, "usage.csv")))
                .attach("usage", "text/csv; name=usage.csv", sample())
                .withBareLineFeeds();

        SoapResponse refused = client.post(mtom, work);

        assertEquals(500, refused.status());
        assertEquals("soapenv:Client", refused.text("", "faultcode"));
        assertTrue(refused.text("", "faultstring").startsWith("The MIME package cannot be read"), refused.body());
        assertTrue(simulator.imports().isEmpty());
    }

    @Test
    void seed001CidTextFormWithLowerCaseImportTypeIsAccepted() throws Exception {
        String session = client.login(USER, PASSWORD);
        // seed 001's sample request: FileContent holds the text cid:NAME, ImportType in lower case as documented
        MtomPackage swa = new MtomPackage(SoapEnvelopes.create(session, SoapEnvelopes.importObject(
                "cid:CSV_file_example.csv", "usage", null, "CSV_file_example.csv")))
                .withoutXop()
                .attach("CSV_file_example.csv", "text/plain;name=CSV_file_example.csv", sample());

        SoapResponse created = client.post(swa, work);

        assertEquals("true", created.text(API, "Success"), created.body());
        ZuoraImport received = simulator.lastImport();
        assertEquals(FileContentForm.CID_TEXT, received.contentForm());
        assertFalse(received.mtom());
        assertFalse(simulator.calls("create").get(0).mtom(), "type=text/xml is SOAP with Attachments, not MTOM");
        assertEquals("CSV_file_example.csv", received.fileName());
        assertEquals("Completed", client.queryUntilFinished(session, received.id()).text(OBJECT, "Status"));
    }

    @Test
    void inlineBase64CreateWorksAndIsRecordedAsNotMtom() throws Exception {
        String session = client.login(USER, PASSWORD);
        String base64 = Base64.getMimeEncoder().encodeToString(sample()); // with line breaks, as some stacks send it
        String envelope = SoapEnvelopes.create(session, SoapEnvelopes.importObject(base64,
                "text/csv; name=zuora-sample-usage.csv", "Usage", SAMPLE_MD5, "zuora-sample-usage.csv"));

        SoapResponse created = client.post(envelope);

        assertEquals("true", created.text(API, "Success"), created.body());
        ZuoraImport received = simulator.lastImport();
        assertEquals(FileContentForm.INLINE_BASE64, received.contentForm());
        assertFalse(received.mtom());
        assertFalse(simulator.calls("create").get(0).mtom());
        assertEquals(SAMPLE_MD5, received.md5());
        assertArrayEquals(sample(), Files.readAllBytes(received.file()));
        assertEquals(envelope.getBytes(StandardCharsets.UTF_8).length, received.requestBytes());
        assertEquals("zuora-sample-usage.csv", received.fileName());
        SoapResponse finished = client.queryUntilFinished(session, received.id());
        assertEquals("Completed", finished.text(OBJECT, "Status"));
        assertEquals("1", finished.text(OBJECT, "ImportedCount"));
    }

    @Test
    void inlineBase64WithoutAContentTypeHasNoFileName() throws Exception {
        String session = client.login(USER, PASSWORD);

        SoapResponse created = client.post(SoapEnvelopes.create(session, SoapEnvelopes.importObject(
                Base64.getEncoder().encodeToString(sample()), "Usage", null, "usage.csv")));

        assertSaveError(created, "INVALID_VALUE", ZuoraSoapSimulator.NO_FILE_NAME);
    }

    @Test
    void mtomOverheadIsMeasuredAgainstTheFileSize() throws Exception {
        String session = client.login(USER, PASSWORD);
        Path big = csvFile(20_000);

        client.post(new MtomPackage(SoapEnvelopes.create(session, SoapEnvelopes.importObject(
                SoapEnvelopes.xopInclude("cid:big"), "Usage", null, "big.csv")))
                .attach("big", "text/csv; name=big.csv", big), work);
        String base64 = Base64.getEncoder().encodeToString(Files.readAllBytes(big));
        client.post(SoapEnvelopes.create(session, SoapEnvelopes.importObject(base64, "text/csv; name=big.csv",
                "Usage", null, "big.csv")));

        List<ZuoraImport> imports = simulator.imports();
        long size = Files.size(big);
        assertTrue(imports.get(0).mtom() && !imports.get(1).mtom());
        assertEquals(md5(big), imports.get(0).md5());
        assertEquals(md5(big), imports.get(1).md5(), "inline base64 decoded across many chunks");
        assertTrue(imports.get(0).requestBytes() < size + 2_000, "MTOM sends the bytes as they are");
        assertTrue(imports.get(1).requestBytes() > size * 4 / 3, "base64 costs a third more");
    }

    // ------------------------------------------------------------------ create() rejections, in Zuora's order

    @Test
    void attachmentWithoutNameParameterIsRejected() throws Exception {
        String session = client.login(USER, PASSWORD);

        SoapResponse created = createMtom(session, "text/plain", sample(), "0".repeat(32), "usage.csv");

        // the file name check comes first: the wrong Md5 is not reported
        assertSaveError(created, "INVALID_VALUE", ZuoraSoapSimulator.NO_FILE_NAME);
        ZuoraImport rejected = simulator.lastImport();
        assertFalse(rejected.accepted());
        assertNull(rejected.fileName());
        assertEquals("text/plain", rejected.contentType());
        assertEquals("INVALID_VALUE", rejected.errorCode());
        assertEquals(SAMPLE_MD5, rejected.md5(), "rejected files are recorded too");
        assertNull(rejected.status());
    }

    @Test
    void md5MismatchIsRejected() throws Exception {
        String session = client.login(USER, PASSWORD);

        SoapResponse created = createMtom(session, "text/csv; name=usage.csv", sample(), "0".repeat(32), "usage.csv");

        assertSaveError(created, "INVALID_VALUE", ZuoraSoapSimulator.MD5_MISMATCH);
        assertEquals("true", createMtom(session, "text/csv; name=usage.csv", sample(), SAMPLE_MD5.toUpperCase(),
                "usage.csv").text(API, "Success"), "the Md5 compares without regard to case");
    }

    @Test
    void fileOverFourMebibytesIsRejectedAndExactlyFourIsAccepted() throws Exception {
        String session = client.login(USER, PASSWORD);
        Path over = randomFile(ZuoraSoapSimulator.MAX_FILE_SIZE + 1);
        Path exact = randomFile(ZuoraSoapSimulator.MAX_FILE_SIZE);

        SoapResponse tooBig = createMtom(session, "text/csv; name=big.csv", over, "0".repeat(32), "big.csv");
        SoapResponse limit = createMtom(session, "text/csv; name=big.csv", exact, null, "big.csv");

        // the size check comes after the Md5 check: give a wrong Md5 and the Md5 error wins
        assertSaveError(tooBig, "INVALID_VALUE", ZuoraSoapSimulator.MD5_MISMATCH);
        SoapResponse tooBigRightMd5 = createMtom(session, "text/csv; name=big.csv", over, md5(over), "big.csv");
        assertSaveError(tooBigRightMd5, "INVALID_VALUE", ZuoraSoapSimulator.FILE_TOO_LARGE);
        assertEquals("true", limit.text(API, "Success"), limit.body());
        assertEquals(ZuoraSoapSimulator.MAX_FILE_SIZE + 1, simulator.imports().get(2).size());
    }

    @Test
    void zipWithDirectoryIsRejected() throws Exception {
        String session = client.login(USER, PASSWORD);
        byte[] zip = zip(new String[] {"usage/", "usage/usage.csv"}, new byte[][] {null, sample()});
        byte[] nested = zip(new String[] {"usage/usage.csv"}, new byte[][] {sample()});

        assertSaveError(createMtom(session, "application/zip; name=usage.zip", zip, null, "usage.zip"),
                "INVALID_VALUE", ZuoraSoapSimulator.ZIP_WITH_DIRECTORY);
        // recognised by its PK magic although the name does not say zip
        assertSaveError(createMtom(session, "application/octet-stream; name=usage.bin", nested, null, "usage.bin"),
                "INVALID_VALUE", ZuoraSoapSimulator.ZIP_WITH_DIRECTORY);
    }

    @Test
    void zipWithOneCsvAtTheRootIsUnzippedAndImported() throws Exception {
        String session = client.login(USER, PASSWORD);
        byte[] zip = zip(new String[] {"usage-3rows.csv"}, new byte[][] {resource("usage-3rows.csv")});

        SoapResponse created = createMtom(session, "application/zip; name=usage-3rows.zip", zip, md5(zip),
                "usage-3rows.zip");

        SoapResponse finished = client.queryUntilFinished(session, created.text(API, "Id"));
        assertEquals("Completed", finished.text(OBJECT, "Status"), finished.body());
        assertEquals("3", finished.text(OBJECT, "TotalCount"));
        assertEquals("3", finished.text(OBJECT, "ImportedCount"));
    }

    @Test
    void fileNameOfFiftyCharactersIsRejectedAndFortyNineAccepted() throws Exception {
        String session = client.login(USER, PASSWORD);
        String fifty = "u".repeat(46) + ".csv";
        String fortyNine = "u".repeat(45) + ".csv";

        assertSaveError(createMtom(session, "text/csv; name=" + fifty, sample(), null, fifty),
                "INVALID_VALUE", ZuoraSoapSimulator.FILE_NAME_TOO_LONG);
        assertEquals("true", createMtom(session, "text/csv; name=" + fortyNine, sample(), null, fortyNine)
                .text(API, "Success"));
        String longName = "n".repeat(100);
        assertEquals("true", createMtom(session, "text/csv; name=usage.csv", sample(), null, longName)
                .text(API, "Success"), "the Import Name may hold 100 characters");
        SoapResponse tooLongName = createMtom(session, "text/csv; name=usage.csv", sample(), null, longName + "n");
        assertSaveError(tooLongName, "INVALID_VALUE", ZuoraSoapSimulator.NAME_TOO_LONG);
        assertEquals("Name", tooLongName.text(API, "Field"));
    }

    @Test
    void importTypeMustBeUsageInEitherCase() throws Exception {
        String session = client.login(USER, PASSWORD);

        assertEquals("true", createMtom(session, "text/csv; name=a.csv", sample(), null, "a", "USAGE")
                .text(API, "Success"));
        assertSaveError(createMtom(session, "text/csv; name=a.csv", sample(), null, "a", "Payment"),
                "INVALID_VALUE", ZuoraSoapSimulator.IMPORT_TYPE_NOT_USAGE);
        assertSaveError(createMtom(session, "text/csv; name=a.csv", sample(), null, "a", null),
                "MISSING_REQUIRED_VALUE", ZuoraSoapSimulator.IMPORT_TYPE_REQUIRED);
    }

    @Test
    void missingFileContentIsRejected() throws Exception {
        String session = client.login(USER, PASSWORD);

        SoapResponse created = client.post(SoapEnvelopes.create(session,
                SoapEnvelopes.importObject(null, "Usage", null, "usage.csv")));

        assertSaveError(created, "MISSING_REQUIRED_VALUE", ZuoraSoapSimulator.FILE_CONTENT_REQUIRED);
    }

    @Test
    void moreThanFiftyObjectsGetsAFaultAndNothingIsCreated() throws Exception {
        String session = client.login(USER, PASSWORD);
        String base64 = Base64.getEncoder().encodeToString(sample());
        List<String> objects = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            objects.add(SoapEnvelopes.importObject(base64, "text/csv; name=u" + i + ".csv", "Usage", null, "u" + i));
        }

        SoapResponse tooMany = client.post(SoapEnvelopes.create(session, objects));
        SoapResponse fifty = client.post(SoapEnvelopes.create(session, objects.subList(0, 50)));

        assertEquals(500, tooMany.status());
        assertEquals("MAX_RECORDS_EXCEEDED", tooMany.faultCode());
        assertEquals("UnexpectedErrorFault", tooMany.faultDetail());
        assertEquals(50, fifty.elements(API, "result").size());
        assertEquals(50, simulator.imports().size(), "the refused call created nothing");
        assertEquals(50, simulator.calls("create").get(1).importIds().size());
    }

    @Test
    void severalImportsInOneCallEachGetTheirSaveResult() throws Exception {
        String session = client.login(USER, PASSWORD);
        MtomPackage mtom = new MtomPackage(SoapEnvelopes.create(session,
                SoapEnvelopes.importObject(SoapEnvelopes.xopInclude("cid:a"), "Usage", null, "a"),
                SoapEnvelopes.importObject(SoapEnvelopes.xopInclude("cid:b"), "Usage", "0".repeat(32), "b")))
                .attach("a", "text/csv; name=a.csv", sample())
                .attach("b", "text/csv; name=b.csv", sample());

        SoapResponse created = client.post(mtom, work);

        List<Element> results = created.elements(API, "result");
        assertEquals(2, results.size());
        assertEquals("true", results.get(0).getElementsByTagNameNS(API, "Success").item(0).getTextContent());
        assertEquals("false", results.get(1).getElementsByTagNameNS(API, "Success").item(0).getTextContent());
        assertEquals(ZuoraSoapSimulator.MD5_MISMATCH,
                results.get(1).getElementsByTagNameNS(API, "Message").item(0).getTextContent());
    }

    @Test
    void unresolvableAttachmentOrWrongTypeGetsAFault() throws Exception {
        String session = client.login(USER, PASSWORD);

        SoapResponse dangling = client.post(new MtomPackage(SoapEnvelopes.create(session, SoapEnvelopes.importObject(
                SoapEnvelopes.xopInclude("cid:missing"), "Usage", null, "a"))), work);
        SoapResponse account = client.post(SoapEnvelopes.create(session,
                "<ns2:zObjects xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"ns3:Account\">"
                        + "<ns3:Name>x</ns3:Name></ns2:zObjects>"));

        assertEquals(500, dangling.status());
        assertEquals("soapenv:Client", dangling.text("", "faultcode"));
        assertEquals("INVALID_TYPE", account.faultCode());
        assertEquals("InvalidTypeFault", account.faultDetail());
        assertTrue(simulator.imports().isEmpty());
    }

    // ------------------------------------------------------------------ processing and query()

    @Test
    void badQtyFileFailsWithStatusReasonAndNothingImported() throws Exception {
        String session = client.login(USER, PASSWORD);
        SoapResponse created = createMtom(session, "text/csv; name=usage-bad-qty.csv", resource("usage-bad-qty.csv"),
                null, "usage-bad-qty.csv");

        SoapResponse finished = client.queryUntilFinished(session, created.text(API, "Id"));

        assertEquals("Failed", finished.text(OBJECT, "Status"));
        assertEquals("Row 3: QTY is not a number", finished.text(OBJECT, "StatusReason"));
        assertEquals("3", finished.text(OBJECT, "TotalCount"));
        assertEquals("0", finished.text(OBJECT, "ImportedCount"));
        List<String> result = unzipSingleCsv(client.get(finished.text(OBJECT, "ResultResourceUrl"),
                "ZSession " + session).body()).lines().toList();
        assertEquals("A00000001,Each,10,02/01/2024,02/29/2024,,,\"API calls, February\",Not imported,", result.get(1));
        assertEquals("A00000002,Each,abc,02/01/2024,02/29/2024,,,typo in QTY,Failed,Row 3: QTY is not a number",
                result.get(2));
    }

    @Test
    void headerWithoutARequiredColumnFails() throws Exception {
        String session = client.login(USER, PASSWORD);
        SoapResponse created = createMtom(session, "text/csv; name=u.csv", resource("usage-no-uom-column.csv"),
                null, "u.csv");

        SoapResponse finished = client.queryUntilFinished(session, created.text(API, "Id"));

        assertEquals("Failed", finished.text(OBJECT, "Status"));
        assertEquals("The header is missing the required column(s) UOM.", finished.text(OBJECT, "StatusReason"));
    }

    @Test
    void quotedValuesAndBlankLinesAreRead() throws Exception {
        String session = client.login(USER, PASSWORD);
        SoapResponse created = createMtom(session, "text/csv; name=u.csv", resource("usage-3rows.csv"), null, "u.csv");

        SoapResponse finished = client.queryUntilFinished(session, created.text(API, "Id"));

        assertEquals("Completed", finished.text(OBJECT, "Status"), finished.body());
        assertEquals("3", finished.text(OBJECT, "ImportedCount"));
    }

    @Test
    void statusMovesPendingProcessingCompletedByQueryCount() throws Exception {
        simulator.setQueriesToComplete(3);
        String session = client.login(USER, PASSWORD);
        String id = createMtom(session, "text/csv; name=u.csv", sample(), null, "u.csv").text(API, "Id");

        assertEquals("Pending", client.query(session, statusQuery(id)).text(OBJECT, "Status"));
        assertEquals("Pending", simulator.importById(id).orElseThrow().status(), "reading the records moves nothing");
        assertEquals("Processing", client.query(session, statusQuery(id)).text(OBJECT, "Status"));
        assertEquals("Completed", client.query(session, statusQuery(id)).text(OBJECT, "Status"));
        assertEquals("Completed", client.query(session, statusQuery(id)).text(OBJECT, "Status"));
        ZuoraImport done = simulator.importById(id).orElseThrow();
        assertEquals(4, done.queryCount());
        assertEquals(1, done.importedCount());
        assertNotNull(done.resultResourceUrl());
    }

    @Test
    void statusMovesByTheClockWhenAProcessingTimeIsSet() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2024-03-01T10:00:00Z"));
        simulator.setClock(clock);
        simulator.setProcessingTime(Duration.ofMinutes(5));
        String session = client.login(USER, PASSWORD);
        String id = createMtom(session, "text/csv; name=u.csv", sample(), null, "u.csv").text(API, "Id");

        for (int i = 0; i < 5; i++) {
            assertEquals("Pending", client.query(session, statusQuery(id)).text(OBJECT, "Status"));
        }
        clock.advance(Duration.ofMinutes(1));
        assertEquals("Processing", client.query(session, statusQuery(id)).text(OBJECT, "Status"));
        assertEquals(404, client.get(simulator.baseUrl() + "/results/" + id + ".zip", "ZSession " + session)
                .statusCode(), "no result file before the import finished");
        clock.advance(Duration.ofMinutes(4));
        SoapResponse done = client.query(session, "select CreatedDate, UpdatedDate, Status from Import where Id = '"
                + id + "'");
        assertEquals("Completed", done.text(OBJECT, "Status"));
        assertEquals("2024-03-01T10:00:00.000+00:00", done.text(OBJECT, "CreatedDate"));
        assertEquals("2024-03-01T10:05:00.000+00:00", done.text(OBJECT, "UpdatedDate"));
    }

    @Test
    void querySelectsOnlyTheRequestedFieldsInWsdlOrder() throws Exception {
        simulator.setQueriesToComplete(1);
        String session = client.login(USER, PASSWORD);
        String id = createMtom(session, "text/csv; name=u.csv", sample(), null, "u.csv").text(API, "Id");

        SoapResponse response = client.query(session, "SELECT status, importedcount, ID FROM import WHERE id = '"
                + id + "'");

        assertEquals(200, response.status(), response.body());
        Element record = response.elements(API, "records").get(0);
        assertEquals("ns2:Import", record.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "type"));
        List<String> fields = new ArrayList<>();
        for (org.w3c.dom.Node child = record.getFirstChild(); child != null; child = child.getNextSibling()) {
            fields.add(child.getLocalName() + "=" + child.getTextContent());
        }
        assertEquals(List.of("Id=" + id, "ImportedCount=1", "Status=Completed"), fields);
        assertEquals("1", response.text(API, "size"));
        assertEquals("true", response.text(API, "done"));
    }

    @Test
    void queryOfUnknownIdHasSizeZero() throws Exception {
        String session = client.login(USER, PASSWORD);

        SoapResponse response = client.query(session, statusQuery("0".repeat(32)));

        assertEquals(200, response.status());
        assertEquals("0", response.text(API, "size"));
        assertEquals("true", response.text(API, "done"));
        assertTrue(response.elements(API, "records").isEmpty());
    }

    @Test
    void malformedQueryGetsMalformedQueryFault() throws Exception {
        String session = client.login(USER, PASSWORD);

        SoapResponse garbage = client.query(session, "select from where");
        SoapResponse unknownField = client.query(session, "select Id, Colour from Import");
        SoapResponse otherWhere = client.query(session, "select Id from Import where Status = 'Completed'");

        assertEquals(500, garbage.status());
        assertEquals("MalformedQueryFault", garbage.faultDetail());
        assertEquals("MALFORMED_QUERY", garbage.faultCode());
        assertEquals("INVALID_FIELD", unknownField.faultCode());
        assertEquals("MalformedQueryFault", unknownField.faultDetail());
        assertEquals("MALFORMED_QUERY", otherWhere.faultCode());
    }

    // ------------------------------------------------------------------ envelope-level faults

    @Test
    void unparseableAndSoap12RequestsGetSoapLayerFaults() throws Exception {
        SoapResponse garbage = client.post("this is not xml");
        SoapResponse soap12 = client.post("<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\">"
                + "<e:Body/></e:Envelope>");

        assertEquals(500, garbage.status());
        assertEquals("soapenv:Client", garbage.text("", "faultcode"));
        assertEquals("soapenv:VersionMismatch", soap12.text("", "faultcode"));
    }

    @Test
    void base64TransferEncodedAndFoldedPartIsDecoded() throws Exception {
        String session = client.login(USER, PASSWORD);
        byte[] encoded = Base64.getMimeEncoder().encode(sample());
        MtomPackage mtom = new MtomPackage(SoapEnvelopes.create(session, SoapEnvelopes.importObject(
                SoapEnvelopes.xopInclude("cid:folded"), "Usage", SAMPLE_MD5, "folded")))
                .attachRaw("folded", List.of("Content-Type: text/csv;", "\tname=\"folded usage.csv\"",
                        "Content-Transfer-Encoding: base64"), encoded);

        SoapResponse created = client.post(mtom, work);

        assertEquals("true", created.text(API, "Success"), created.body());
        assertEquals("folded usage.csv", simulator.lastImport().fileName());
        assertEquals(SAMPLE_MD5, simulator.lastImport().md5());
    }

    // ------------------------------------------------------------------ fault knobs and records

    @Test
    void failNextAnswersTheStatusThenProcessesAgain() throws Exception {
        String session = client.login(USER, PASSWORD);
        simulator.failNext(2, 503);

        assertEquals(503, createMtom(session, "text/csv; name=u.csv", sample(), null, "u").status());
        assertEquals(503, client.query(session, "select Id from Import").status());
        SoapResponse third = createMtom(session, "text/csv; name=u.csv", sample(), null, "u");

        assertEquals("true", third.text(API, "Success"));
        List<ZuoraSoapCall> calls = simulator.calls();
        assertEquals(List.of("login", "create", "query", "create"), calls.stream().map(ZuoraSoapCall::operation).toList());
        assertEquals(List.of(200, 503, 503, 200), calls.stream().map(ZuoraSoapCall::httpStatus).toList());
        assertEquals(1, simulator.imports().size(), "a failed request is not processed");
    }

    @Test
    void dropNextClosesTheConnectionWithoutAResponse() throws Exception {
        String session = client.login(USER, PASSWORD);
        simulator.dropNext(1);

        assertThrows(IOException.class, () -> createMtom(session, "text/csv; name=u.csv", sample(), null, "u"));

        ZuoraSoapCall dropped = simulator.calls().get(1);
        assertEquals("create", dropped.operation());
        assertEquals(0, dropped.httpStatus());
        assertTrue(dropped.requestBytes() > sample().length, "the request was read whole");
        assertTrue(simulator.imports().isEmpty());
    }

    @Test
    void createDroppedAfterCreatingLeavesTheImportAndNoReply() throws Exception {
        simulator.dropNextCreatesAfterCreating(1);
        String session = client.login(USER, PASSWORD); // the knob waits for a create()

        assertThrows(IOException.class, () -> createMtom(session, "text/csv; name=u.csv", sample(), SAMPLE_MD5, "u"));

        ZuoraSoapCall dropped = simulator.calls("create").get(0);
        assertEquals(0, dropped.httpStatus());
        assertNull(dropped.response());
        ZuoraImport made = simulator.imports().get(0);
        assertTrue(made.accepted(), "the Import exists though the client never got its id");
        assertEquals(List.of(made.id()), dropped.importIds());
        SoapResponse found = client.query(session, "select Id from Import where Name = 'u' and Md5 = '"
                + SAMPLE_MD5 + "'");
        assertEquals(made.id(), found.text(OBJECT, "Id"));
        assertEquals("true", createMtom(session, "text/csv; name=u.csv", sample(), null, "u").text(API, "Success"),
                "only the next create() is dropped");
    }

    @Test
    void createDroppedBeforeCreatingLeavesNothing() throws Exception {
        simulator.dropNextCreatesBeforeCreating(1);
        String session = client.login(USER, PASSWORD);

        assertThrows(IOException.class, () -> createMtom(session, "text/csv; name=u.csv", sample(), null, "u"));

        ZuoraSoapCall dropped = simulator.calls("create").get(0);
        assertEquals(0, dropped.httpStatus());
        assertTrue(dropped.requestBytes() > sample().length, "the request was read whole");
        assertTrue(dropped.importIds().isEmpty());
        assertTrue(simulator.imports().isEmpty());
        assertEquals("0", client.query(session, "select Id from Import where Name = 'u'").text(API, "size"));
        assertEquals("true", createMtom(session, "text/csv; name=u.csv", sample(), null, "u").text(API, "Success"));
    }

    @Test
    void createAnsweredWithAFaultKeepsTheDropAfterCreatingKnob() throws Exception {
        simulator.dropNextCreatesAfterCreating(1);
        String stale = client.login(USER, PASSWORD);
        simulator.expireSessions();

        assertEquals("INVALID_SESSION", createMtom(stale, "text/csv; name=u.csv", sample(), null, "u").faultCode());
        String fresh = client.login(USER, PASSWORD);
        assertThrows(IOException.class, () -> createMtom(fresh, "text/csv; name=u.csv", sample(), null, "u"));

        assertEquals(1, simulator.imports().size());
        assertEquals(List.of(500, 0), simulator.calls("create").stream().map(ZuoraSoapCall::httpStatus).toList());
    }

    @Test
    void delayNextHoldsTheAnswer() throws Exception {
        simulator.delayNext(1, Duration.ofMillis(300));
        long start = System.nanoTime();

        client.login(USER, PASSWORD);

        assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
    }

    @Test
    void resetForgetsRecordsAndFilesButKeepsUsers() throws Exception {
        String session = client.login(USER, PASSWORD);
        createMtom(session, "text/csv; name=u.csv", sample(), null, "u");
        Path file = simulator.lastImport().file();
        simulator.setQueriesToComplete(5);

        simulator.reset();

        assertTrue(simulator.calls().isEmpty());
        assertTrue(simulator.imports().isEmpty());
        assertFalse(Files.exists(file));
        assertEquals("INVALID_SESSION", client.query(session, "select Id from Import").faultCode());
        String again = client.login(USER, PASSWORD);
        String id = createMtom(again, "text/csv; name=u.csv", sample(), null, "u").text(API, "Id");
        assertEquals("Pending", client.query(again, statusQuery(id)).text(OBJECT, "Status"));
        assertEquals("Completed", client.query(again, statusQuery(id)).text(OBJECT, "Status"), "default of 2 is back");
    }

    @Test
    void nonPostIsRefused() throws Exception {
        HttpResponse<byte[]> get = client.get(simulator.url(), null);

        assertEquals(405, get.statusCode());
        assertEquals(URI.create(simulator.url()).getPath(), simulator.calls().get(0).path());
    }

    // ------------------------------------------------------------------ helpers

    private SoapResponse createMtom(String session, String contentType, byte[] file, String md5, String name)
            throws Exception {
        return createMtom(session, contentType, file, md5, name, "Usage");
    }

    private SoapResponse createMtom(String session, String contentType, byte[] file, String md5, String name,
                                    String importType) throws Exception {
        return client.post(new MtomPackage(SoapEnvelopes.create(session, SoapEnvelopes.importObject(
                SoapEnvelopes.xopInclude("cid:usage-file"), importType, md5, name)))
                .attach("usage-file", contentType, file), work);
    }

    private SoapResponse createMtom(String session, String contentType, Path file, String md5, String name)
            throws Exception {
        return client.post(new MtomPackage(SoapEnvelopes.create(session, SoapEnvelopes.importObject(
                SoapEnvelopes.xopInclude("cid:usage-file"), "Usage", md5, name)))
                .attach("usage-file", contentType, file), work);
    }

    private static void assertSaveError(SoapResponse response, String code, String message) {
        assertEquals(200, response.status(), response.body());
        assertEquals("false", response.text(API, "Success"), response.body());
        assertEquals(code, response.text(API, "Code"));
        assertEquals(message, response.text(API, "Message"));
        assertNull(response.text(API, "Id"));
    }

    static String statusQuery(String id) {
        return "select Id, Status, StatusReason, TotalCount, ImportedCount, ResultResourceUrl from Import where Id = '"
                + id + "'";
    }

    static byte[] sample() throws Exception {
        return resource("zuora-sample-usage.csv");
    }

    static byte[] resource(String name) throws Exception {
        return Files.readAllBytes(Path.of(ZuoraSoapSimulatorTest.class.getResource("/zuorasoap/" + name).toURI()));
    }

    private Path randomFile(long size) throws IOException {
        Path file = Files.createTempFile(work, "random-", ".bin");
        java.util.Random random = new java.util.Random(size);
        byte[] block = new byte[64 * 1024];
        try (var out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        return file;
    }

    private Path csvFile(int rows) throws IOException {
        Path file = Files.createTempFile(work, "usage-", ".csv");
        try (var out = Files.newBufferedWriter(file)) {
            out.write("ACCOUNT_ID,UOM,QTY,STARTDATE\n");
            for (int i = 0; i < rows; i++) {
                out.write("A" + (10_000_000 + i) + ",Each," + i + ",02/01/2024\n");
            }
        }
        return file;
    }

    static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    static String md5(Path file) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (var in = new java.security.DigestInputStream(Files.newInputStream(file), md5)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    static byte[] zip(String[] names, byte[][] contents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < names.length; i++) {
                zip.putNextEntry(new ZipEntry(names[i]));
                if (contents[i] != null) {
                    zip.write(contents[i]);
                }
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static String unzipSingleCsv(byte[] zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry = in.getNextEntry();
            assertNotNull(entry, "the result zip is empty");
            assertTrue(entry.getName().endsWith(".csv"), entry.getName());
            String csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertNull(in.getNextEntry(), "the result zip holds one file");
            return csv;
        }
    }
}

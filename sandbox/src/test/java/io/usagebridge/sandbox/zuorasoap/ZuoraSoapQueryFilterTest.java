package io.usagebridge.sandbox.zuorasoap;

import io.usagebridge.sandbox.MutableClock;
import static io.usagebridge.sandbox.zuorasoap.SoapEnvelopes.API;
import static io.usagebridge.sandbox.zuorasoap.SoapEnvelopes.OBJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.usagebridge.sandbox.zuorasoap.SoapTestClient.SoapResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The where clauses a client needs to find an Import whose create() reply it lost: by Name, Md5
 * and CreatedDate, joined with and, in the forms Zuora's ZOQL takes them.
 */
class ZuoraSoapQueryFilterTest {

    private static final String USER = "usage-api@example.com";
    private static final String PASSWORD = "sandbox-password";
    private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");

    private ZuoraSoapSimulator simulator;
    private SoapTestClient client;
    private MutableClock clock;
    private String session;
    private String md5;

    @BeforeEach
    void startSimulator() throws Exception {
        simulator = new ZuoraSoapSimulator();
        simulator.addUser(USER, PASSWORD);
        simulator.start(0);
        clock = new MutableClock(START);
        simulator.setClock(clock);
        client = new SoapTestClient(simulator);
        session = client.login(USER, PASSWORD);
        md5 = ZuoraSoapSimulatorTest.md5(ZuoraSoapSimulatorTest.sample());
    }

    @AfterEach
    void stopSimulator() {
        simulator.stop();
    }

    @Test
    void importsAreFoundByNameMd5AndCreatedSince() throws Exception {
        String early = create("usage.csv");
        clock.advance(Duration.ofMinutes(10));
        String late = create("usage.csv");
        create("other.csv");

        SoapResponse sinceBoth = find("usage.csv", md5, "'2026-12-02T09:59:59+00:00'");
        SoapResponse sinceLate = find("usage.csv", md5, "'2026-12-02T10:05:00+00:00'");
        SoapResponse otherMd5 = find("usage.csv", "0".repeat(32), "'2026-12-02T09:59:59+00:00'");

        // several matches are several records, in no order ZOQL promises
        assertEquals(Set.of(early, late), Set.copyOf(ids(sinceBoth)));
        assertEquals("2", sinceBoth.text(API, "size"));
        assertEquals(List.of(late), ids(sinceLate));
        assertEquals("2026-12-02T10:10:00.000+00:00", sinceLate.text(OBJECT, "CreatedDate"));
        assertEquals(List.of(), ids(otherMd5));
        assertEquals("0", otherMd5.text(API, "size"));
    }

    @Test
    void dateTimesTakeAnOffsetOrZAndWithoutOneArePacificTime() throws Exception {
        create("usage.csv");
        clock.advance(Duration.ofMinutes(10));
        String late = create("usage.csv");

        // 10:05 UTC, written the ways ZOQL takes a dateTime
        for (String since : List.of("'2026-12-02T10:05:00+00:00'", "'2026-12-02T11:05:00+01:00'",
                "'2026-12-02T10:05:00Z'", "'2026-12-02T10:05:00.000Z'", "2026-12-02T10:05:00+00:00",
                "'2026-12-02T02:05:00'")) {
            assertEquals(List.of(late), ids(find("usage.csv", md5, since)), since);
        }
        // the trap: UTC's wall time without an offset is read as Pacific (18:05 UTC), after both
        assertEquals(List.of(), ids(find("usage.csv", md5, "'2026-12-02T10:05:00'")));
    }

    @Test
    void nameWithAQuoteAndABackslashIsMatchedThroughZoqlEscapes() throws Exception {
        String id = create("O'Brien \\ usage.csv");

        SoapResponse escaped = client.query(session, "select Id, Name from Import where Name = 'O\\'Brien \\\\ usage.csv'");
        SoapResponse unescaped = client.query(session, "select Id from Import where Name = 'O'Brien \\ usage.csv'");
        SoapResponse badEscape = client.query(session, "select Id from Import where Name = 'O\\qBrien'");

        assertEquals(List.of(id), ids(escaped), escaped.body());
        assertEquals("O'Brien \\ usage.csv", escaped.text(OBJECT, "Name"));
        assertEquals("MALFORMED_QUERY", unescaped.faultCode());
        assertEquals("MALFORMED_QUERY", badEscape.faultCode());
    }

    @Test
    void stringValuesAreComparedCaseSensitively() throws Exception {
        String id = create("usage.csv");

        assertEquals(List.of(), ids(find("USAGE.csv", md5, "'2026-12-02T09:00:00Z'")));
        assertEquals(List.of(id), ids(client.query(session, "SELECT Id FROM Import WHERE name != 'USAGE.csv' AND "
                + "MD5 = '" + md5 + "'")), "keywords and field names in any case");
    }

    @Test
    void unknownFieldsAndZoqlTheSimulatorLacksGetMalformedQueryFaults() throws Exception {
        assertFault("INVALID_FIELD", "select Id from Import where Colour = 'red'");
        assertFault("MALFORMED_QUERY", "select Id from Import where Name like 'usage%'");
        assertFault("MALFORMED_QUERY", "select Id from Import where Name = 'a' or Name = 'b'");
        assertFault("MALFORMED_QUERY", "select Id from Import where (Name = 'a')");
        // the envelope carries ZOQL as XML text: < is written &lt;
        assertFault("MALFORMED_QUERY", "select Id from Import where Name &lt;&gt; 'a'");
        assertFault("MALFORMED_QUERY", "select Id from Import where Name = usage.csv");
        assertFault("MALFORMED_QUERY", "select Id from Import where Name = 'a' and");
        assertFault("MALFORMED_QUERY", "select Id from Import where Name = 'unterminated");
        assertFault("MALFORMED_QUERY", "select Id from Import where CreatedDate >= 'yesterday'");
        assertFault("MALFORMED_QUERY", "select Id from Import where Status = 'Completed'");
    }

    private void assertFault(String code, String zoql) throws IOException, InterruptedException {
        SoapResponse response = client.query(session, zoql);
        assertEquals(500, response.status(), zoql);
        assertEquals("MalformedQueryFault", response.faultDetail(), zoql);
        assertEquals(code, response.faultCode(), zoql);
    }

    /** create() of the sample as inline base64 under Import Name {@code name}; returns its Id. */
    private String create(String name) throws Exception {
        SoapResponse created = client.post(SoapEnvelopes.create(session, SoapEnvelopes.importObject(
                Base64.getEncoder().encodeToString(ZuoraSoapSimulatorTest.sample()), "text/csv; name=usage.csv",
                "Usage", md5, name)));
        assertEquals("true", created.text(API, "Success"), created.body());
        return created.text(API, "Id");
    }

    private SoapResponse find(String name, String md5, String since) throws IOException, InterruptedException {
        SoapResponse response = client.query(session, "select Id, CreatedDate from Import where Name = '" + name
                + "' and Md5 = '" + md5 + "' and CreatedDate >= " + since);
        assertEquals(200, response.status(), response.body());
        return response;
    }

    private static List<String> ids(SoapResponse response) {
        return response.elements(API, "records").stream()
                .map(record -> record.getElementsByTagNameNS(OBJECT, "Id").item(0).getTextContent())
                .toList();
    }
}

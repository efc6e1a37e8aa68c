package io.usagebridge.sandbox.zuorasoap;

import static io.usagebridge.sandbox.zuorasoap.SoapEnvelopes.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usagebridge.sandbox.zuorasoap.SoapTestClient.SoapResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Every kind of envelope the simulator answers, checked against the schemas of Zuora's own
 * WSDL: the Body's element (or a fault's detail element) must be valid. Skipped when the WSDL
 * is not beside the clone.
 */
class ZuoraSoapResponseSchemaTest {

    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

    @TempDir
    Path work;

    private ZuoraSoapSimulator simulator;
    private SoapTestClient client;

    @BeforeEach
    void startSimulator() throws IOException {
        simulator = new ZuoraSoapSimulator();
        simulator.addUser("u", "p");
        simulator.start(0);
        client = new SoapTestClient(simulator);
    }

    @AfterEach
    void stopSimulator() {
        simulator.stop();
    }

    @Test
    void everyResponseEnvelopeIsValidAgainstTheWsdlSchemas() throws Exception {
        Schema schema = ZuoraWsdlSchemas.load();
        simulator.setQueriesToComplete(2);
        List<SoapResponse> responses = new ArrayList<>();

        SoapResponse login = client.post(SoapEnvelopes.login("u", "p"));
        responses.add(login);
        String session = login.text(API, "Session");
        SoapResponse created = client.post(new MtomPackage(SoapEnvelopes.create(session,
                SoapEnvelopes.importObject(SoapEnvelopes.xopInclude("cid:ok"), "Usage", null, "ok"),
                SoapEnvelopes.importObject(SoapEnvelopes.xopInclude("cid:bad"), "Usage", null, "bad"),
                SoapEnvelopes.importObject(SoapEnvelopes.xopInclude("cid:long"), "Usage", null, "n".repeat(101))))
                .attach("ok", "text/csv; name=ok.csv", ZuoraSoapSimulatorTest.sample())
                .attach("bad", "text/csv; name=bad.csv", ZuoraSoapSimulatorTest.resource("usage-bad-qty.csv"))
                .attach("long", "text/csv; name=long.csv", ZuoraSoapSimulatorTest.sample()), work);
        responses.add(created);
        List<String> ids = created.elements(API, "Id").stream().map(Element::getTextContent).toList();
        assertEquals(2, ids.size(), created.body());
        responses.add(client.post(SoapEnvelopes.create(session, SoapEnvelopes.importObject(
                Base64.getEncoder().encodeToString(ZuoraSoapSimulatorTest.sample()), "Usage", "0".repeat(32), "x"))));
        for (String id : ids) {
            responses.add(client.query(session, ZuoraSoapSimulatorTest.statusQuery(id))); // Pending
            responses.add(client.query(session, ZuoraSoapSimulatorTest.statusQuery(id))); // Completed / Failed
        }
        responses.add(client.query(session, "select Id, CreatedDate, ImportedCount, ImportType, Md5, Name, "
                + "OriginalResourceUrl, ResultResourceUrl, Status, StatusReason, TotalCount, UpdatedDate from Import"));
        responses.add(client.query(session, ZuoraSoapSimulatorTest.statusQuery("0".repeat(32))));
        // faults
        responses.add(client.post(SoapEnvelopes.login("u", "wrong")));
        responses.add(client.query("expired", "select Id from Import"));
        responses.add(client.query(session, "select nonsense"));
        responses.add(client.query(session, "select Colour from Import"));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(SoapEnvelopes.importObject("QQ==", "text/plain; name=a.csv", "Usage", null, "a"));
        }
        responses.add(client.post(SoapEnvelopes.create(session, many)));
        responses.add(client.post(SoapEnvelopes.create(session, "<ns2:zObjects xmlns:xsi="
                + "\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"ns3:Account\"/>")));
        responses.add(client.post("not xml"));

        int validated = 0;
        for (SoapResponse response : responses) {
            assertEquals("text/xml; charset=utf-8", response.contentType());
            assertTrue(response.body().startsWith("<?xml version='1.0' encoding='UTF-8'?><soapenv:Envelope"),
                    response.body());
            validated += validate(schema, response);
        }
        assertEquals(responses.size() - 1, validated, "all but the soapenv:Client fault have a WSDL element");
    }

    @Test
    void theSchemaCheckCatchesFieldsOutOfOrder() throws Exception {
        Schema schema = ZuoraWsdlSchemas.load();
        String outOfOrder = "<soapenv:Envelope xmlns:soapenv=\"" + SOAP11 + "\"><soapenv:Body>"
                + "<ns1:createResponse xmlns:ns1=\"http://api.zuora.com/\"><ns1:result>"
                + "<ns1:Success>true</ns1:Success><ns1:Id>402881ee57185868015718ae58a40146</ns1:Id>"
                + "</ns1:result></ns1:createResponse></soapenv:Body></soapenv:Envelope>";

        assertThrows(SAXException.class,
                () -> validate(schema, new SoapResponse(200, "text/xml; charset=utf-8", outOfOrder)));
    }

    @Test
    void seed001SampleResponseIsValid() throws Exception {
        Schema schema = ZuoraWsdlSchemas.load();
        String seedResponse = "<soapenv:Envelope xmlns:soapenv=\"" + SOAP11 + "\"><soapenv:Body>"
                + "<ns1:createResponse xmlns:ns1=\"http://api.zuora.com/\"><ns1:result>"
                + "<ns1:Id>402881ee57185868015718ae58a40146</ns1:Id><ns1:Success>true</ns1:Success>"
                + "</ns1:result></ns1:createResponse></soapenv:Body></soapenv:Envelope>";

        assertEquals(1, validate(schema, new SoapResponse(200, "text/xml", seedResponse)));
    }

    /** @return 1 when an element was validated, 0 for a SOAP-layer fault, which has no WSDL element */
    private static int validate(Schema schema, SoapResponse response) throws Exception {
        Document document = response.document();
        Element envelope = document.getDocumentElement();
        assertEquals(SOAP11, envelope.getNamespaceURI());
        Element body = firstChild(envelope);
        assertEquals("Body", body.getLocalName());
        Element content = firstChild(body);
        Element checked = content;
        if ("Fault".equals(content.getLocalName()) && SOAP11.equals(content.getNamespaceURI())) {
            assertEquals(500, response.status());
            Element detail = null;
            for (Node child = content.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element && "detail".equals(element.getLocalName())) {
                    detail = element;
                }
            }
            if (detail == null) {
                return 0;
            }
            checked = firstChild(detail);
        }
        try {
            schema.newValidator().validate(new DOMSource(checked));
        } catch (SAXException e) {
            throw new SAXException(e.getMessage() + " in " + response.body(), e);
        }
        return 1;
    }

    private static Element firstChild(Element parent) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                return element;
            }
        }
        throw new AssertionError("no child element in " + parent.getLocalName());
    }
}

package io.usagebridge.sandbox.zuorasoap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Posts SOAP requests with the JDK HttpClient and reads the answers with DOM. */
final class SoapTestClient {

    /** One HTTP answer of the SOAP endpoint. */
    record SoapResponse(int status, String contentType, String body) {

        Document document() {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                return factory.newDocumentBuilder().parse(new InputSource(new StringReader(body)));
            } catch (Exception e) {
                throw new AssertionError("not XML: " + body, e);
            }
        }

        /** Text of the first element {@code {ns}local}, or null. */
        String text(String ns, String local) {
            NodeList nodes = document().getElementsByTagNameNS(ns, local);
            return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
        }

        List<Element> elements(String ns, String local) {
            NodeList nodes = document().getElementsByTagNameNS(ns, local);
            List<Element> elements = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                elements.add((Element) nodes.item(i));
            }
            return elements;
        }

        /** The fault's FaultCode (an ErrorCode) from its detail. */
        String faultCode() {
            return text(SoapEnvelopes.FAULT, "FaultCode");
        }

        /** The detail element's local name, e.g. LoginFault. */
        String faultDetail() {
            NodeList details = document().getElementsByTagName("detail");
            if (details.getLength() == 0) {
                return null;
            }
            for (Node child = details.item(0).getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element) {
                    return element.getLocalName();
                }
            }
            return null;
        }
    }

    private final ZuoraSoapSimulator simulator;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    SoapTestClient(ZuoraSoapSimulator simulator) {
        this.simulator = simulator;
    }

    SoapResponse post(String envelope) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(simulator.url()))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)));
    }

    /** Posts the package as a file, so it goes with a Content-Length as CXF sends it. */
    SoapResponse post(MtomPackage mtom, Path workDir) throws IOException, InterruptedException {
        Path body = mtom.writeTo(Files.createTempFile(workDir, "mtom-", ".bin"));
        return send(HttpRequest.newBuilder(URI.create(simulator.url()))
                .header("Content-Type", mtom.contentType())
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofFile(body)));
    }

    String login(String username, String password) throws IOException, InterruptedException {
        SoapResponse response = post(SoapEnvelopes.login(username, password));
        assertEquals(200, response.status(), response.body());
        return response.text(SoapEnvelopes.API, "Session");
    }

    SoapResponse query(String session, String zoql) throws IOException, InterruptedException {
        return post(SoapEnvelopes.query(session, zoql));
    }

    /** Queries an import's status fields until it is no longer Pending or Processing (bounded). */
    SoapResponse queryUntilFinished(String session, String id) throws IOException, InterruptedException {
        for (int i = 0; i < 20; i++) {
            SoapResponse response = query(session, "select Id, Status, StatusReason, TotalCount, ImportedCount, "
                    + "ResultResourceUrl from Import where Id = '" + id + "'");
            String status = response.text(SoapEnvelopes.OBJECT, "Status");
            if (!"Pending".equals(status) && !"Processing".equals(status)) {
                return response;
            }
        }
        throw new AssertionError("import " + id + " did not finish within 20 queries");
    }

    HttpResponse<byte[]> get(String url, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private SoapResponse send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new SoapResponse(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.body());
    }
}

package io.usagebridge.sandbox.zuorasoap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;

/**
 * The schemas of Zuora's WSDL (read from ../shared beside the clone, never copied into the
 * project), loaded together. The WSDL's three schemas use each other's types without
 * {@code xs:import}, and rely on prefixes declared on the WSDL's root element: each is lifted
 * into a document of its own with those prefixes and an import of the other two namespaces,
 * which a resource resolver serves by namespace. Shared with the bundle's tests through the sandbox's test-jar.
 */
public final class ZuoraWsdlSchemas {

    /** Relative to a module folder, where Maven runs the tests (sandbox and bundle alike). */
    public static final Path WSDL = Path.of("..", "..", "shared", "reference", "zuora.a.45.0.wsdl");

    private static final String XMLNS = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;
    private static Schema cached;

    private ZuoraWsdlSchemas() {
    }

    /** The combined schema; skips the calling test when the WSDL is not beside the clone. */
    public static synchronized Schema load() throws Exception {
        assumeTrue(Files.isRegularFile(WSDL), "Zuora's WSDL is not at " + WSDL.toAbsolutePath().normalize());
        if (cached != null) {
            return cached;
        }
        DocumentBuilder builder = newBuilder();
        Document wsdl = builder.parse(WSDL.toFile());
        NodeList schemas = wsdl.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "schema");
        Map<String, Element> byNamespace = new LinkedHashMap<>();
        for (int i = 0; i < schemas.getLength(); i++) {
            Element schema = (Element) schemas.item(i);
            byNamespace.put(schema.getAttribute("targetNamespace"), schema);
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, Element> entry : byNamespace.entrySet()) {
            texts.put(entry.getKey(), standalone(builder, wsdl.getDocumentElement(), entry.getValue(),
                    List.copyOf(byNamespace.keySet())));
        }
        DOMImplementationLS ls = (DOMImplementationLS) builder.getDOMImplementation();
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
            String text = texts.get(namespace);
            if (text == null) {
                return null;
            }
            LSInput input = ls.createLSInput();
            input.setStringData(text);
            input.setSystemId(systemIdOf(namespace));
            return input;
        });
        Source[] sources = texts.entrySet().stream()
                .map(entry -> new StreamSource(new StringReader(entry.getValue()), systemIdOf(entry.getKey())))
                .toArray(Source[]::new);
        cached = factory.newSchema(sources);
        return cached;
    }

    private static String standalone(DocumentBuilder builder, Element definitions, Element schema,
                                     List<String> namespaces) throws Exception {
        Document document = builder.newDocument();
        Element copy = (Element) document.importNode(schema, true);
        document.appendChild(copy);
        NamedNodeMap attributes = definitions.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if (XMLNS.equals(attribute.getNamespaceURI()) && !copy.hasAttributeNS(XMLNS, attribute.getLocalName())) {
                copy.setAttributeNS(XMLNS, attribute.getName(), attribute.getValue());
            }
        }
        String own = copy.getAttribute("targetNamespace");
        for (String namespace : namespaces) {
            if (!namespace.equals(own)) {
                Element importElement = document.createElementNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "xs:import");
                importElement.setAttribute("namespace", namespace);
                copy.insertBefore(importElement, copy.getFirstChild());
            }
        }
        StringWriter text = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(text));
        return text.toString();
    }

    private static String systemIdOf(String namespace) {
        return "urn:zuora-wsdl-schema:" + namespace;
    }

    /** A namespace-aware, DTD-free builder, as used to parse the WSDL; for parsing envelopes to validate. */
    public static DocumentBuilder newBuilder() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder();
    }
}

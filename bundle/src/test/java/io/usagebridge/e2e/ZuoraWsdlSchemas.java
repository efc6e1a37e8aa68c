package io.usagebridge.e2e;

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
 * All the schemas of Zuora's own WSDL (from ../shared beside the clone, never copied into the project), loaded
 * together, as the sandbox's simulator tests do: the WSDL's three schemas use each other's types without
 * xs:import and rely on prefixes declared on the WSDL's root, so each is lifted into a document of its own with
 * those prefixes and imports of the other two namespaces, served by namespace.
 */
final class ZuoraWsdlSchemas {

    /** Relative to the bundle module, where Maven runs the tests. */
    static final Path WSDL = Path.of("..", "..", "shared", "reference", "zuora.a.45.0.wsdl");

    private static Schema cached;

    private ZuoraWsdlSchemas() {
    }

    /** The combined schema; skips the calling test when the WSDL is not beside the clone. */
    static synchronized Schema load() throws Exception {
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
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())
                    && !copy.hasAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attribute.getLocalName())) {
                copy.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attribute.getName(), attribute.getValue());
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

    static DocumentBuilder newBuilder() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder();
    }
}

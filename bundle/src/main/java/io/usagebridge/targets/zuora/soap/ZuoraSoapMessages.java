package io.usagebridge.targets.zuora.soap;

import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The request elements of the contract (wsdl/zuora-usage-import.wsdl), built as DOM for CXF's PAYLOAD mode: the
 * Body's operation element and the SessionHeader. Fields are written in the WSDL's sequence order, which Zuora's
 * schema checks.
 */
final class ZuoraSoapMessages {

    static final String API_NS = "http://api.zuora.com/";
    static final String OBJECT_NS = "http://object.api.zuora.com/";
    static final String FAULT_NS = "http://fault.api.zuora.com/";
    static final String XOP_NS = "http://www.w3.org/2004/08/xop/include";
    /** The ImportType of every Import this target creates. */
    static final String IMPORT_TYPE = "Usage";
    static final QName SESSION_HEADER = new QName(API_NS, "SessionHeader");

    private static final DocumentBuilderFactory DOCUMENTS = DocumentBuilderFactory.newDefaultNSInstance();

    private ZuoraSoapMessages() {
    }

    static Element login(String username, String password) {
        Document doc = newDocument();
        Element login = api(doc, "login");
        login.appendChild(text(api(doc, "username"), username));
        login.appendChild(text(api(doc, "password"), password));
        return login;
    }

    static Element sessionHeader(String session) {
        Document doc = newDocument();
        Element header = api(doc, "SessionHeader");
        header.appendChild(text(api(doc, "session"), session));
        return header;
    }

    /** create() of one Import whose FileContent is an {@code xop:Include} of the MIME part {@code contentId}. */
    static Element createImport(ZuoraSoapRequest.CreateImport request, String contentId) {
        Document doc = newDocument();
        Element create = api(doc, "create");
        // xsi:type names a QName: its prefix must be declared where the element is written
        create.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:obj", OBJECT_NS);
        create.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xsi",
                XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI);
        Element zObject = api(doc, "zObjects");
        zObject.setAttributeNS(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "xsi:type", "obj:Import");
        create.appendChild(zObject);
        Element fileContent = object(doc, "FileContent");
        Element include = doc.createElementNS(XOP_NS, "xop:Include");
        include.setAttribute("href", "cid:" + contentId.replace("%", "%25").replace("@", "%40"));
        fileContent.appendChild(include);
        zObject.appendChild(fileContent);
        zObject.appendChild(text(object(doc, "ImportType"), IMPORT_TYPE));
        zObject.appendChild(text(object(doc, "Md5"), request.md5()));
        zObject.appendChild(text(object(doc, "Name"), request.importName()));
        return create;
    }

    static Element query(String zoql) {
        Document doc = newDocument();
        Element query = api(doc, "query");
        query.appendChild(text(api(doc, "queryString"), zoql));
        return query;
    }

    private static Element api(Document doc, String name) {
        return doc.createElementNS(API_NS, "api:" + name);
    }

    private static Element object(Document doc, String name) {
        return doc.createElementNS(OBJECT_NS, "obj:" + name);
    }

    private static Element text(Element element, String text) {
        element.setTextContent(text);
        return element;
    }

    private static Document newDocument() {
        try {
            synchronized (DOCUMENTS) {
                return DOCUMENTS.newDocumentBuilder().newDocument();
            }
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no namespace-aware DOM", e);
        }
    }
}

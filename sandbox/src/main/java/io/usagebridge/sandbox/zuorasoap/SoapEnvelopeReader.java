package io.usagebridge.sandbox.zuorasoap;

import io.usagebridge.sandbox.StoredBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a SOAP 1.1 request envelope with StAX, taking what the simulated operations need:
 * the SessionHeader, the operation, login's credentials, query's string and create's zObjects.
 * An inline base64 FileContent is decoded as the parser reports it, straight to a temp file,
 * so its text is never held whole in memory.
 */
final class SoapEnvelopeReader {

    static final String SOAP11_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope";
    static final String API_NS = "http://api.zuora.com/";
    static final String OBJECT_NS = "http://object.api.zuora.com/";
    static final String FAULT_NS = "http://fault.api.zuora.com/";
    static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
    static final String XOP_NS = "http://www.w3.org/2004/08/xop/include";
    static final String XMIME_NS = "http://www.w3.org/2005/05/xmlmime";

    /** What FileContent held: a reference to a MIME part, or inline bytes already stored. */
    sealed interface FileContentValue permits Reference, Inline {
    }

    /** A MIME part named by {@code xop:Include} or by {@code cid:} text; {@code contentId} without brackets. */
    record Reference(FileContentForm form, String contentId) implements FileContentValue {
    }

    record Inline(ReceivedFile file) implements FileContentValue {
    }

    /**
     * One element of create's zObjects.
     *
     * @param typeNamespace namespace the xsi:type's prefix is bound to (null when there is no xsi:type)
     * @param typeName      the xsi:type's local name
     * @param fields        simple child elements by local name (FileContent excluded), nil ones absent
     * @param content       FileContent, or null when missing, empty or nil
     */
    record ZObject(String typeNamespace, String typeName, Map<String, String> fields, FileContentValue content) {
        ZObject {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /**
     * The parts of a request the simulator uses.
     *
     * @param operation         local name of the Body's first element
     * @param operationNs       its namespace
     * @param sessionHeader     whether a SessionHeader was sent
     * @param session           its {@code session} value, or null
     */
    record SoapRequest(String operation, String operationNs, boolean sessionHeader, String session,
                       String username, String password, String queryString, List<ZObject> zObjects) {
        SoapRequest {
            zObjects = List.copyOf(zObjects);
        }
    }

    private static final XMLInputFactory FACTORY = newFactory();

    private final Path fileDir;

    SoapEnvelopeReader(Path fileDir) {
        this.fileDir = fileDir;
    }

    /**
     * Parses the envelope in {@code xml}. On a fault the inline files stored so far are deleted;
     * on success the caller owns them.
     *
     * @param charset from the MIME type, or null to let the XML declaration decide
     */
    SoapRequest read(Path xml, String charset) throws SoapFault, IOException {
        List<Path> stored = new ArrayList<>();
        try (InputStream in = Files.newInputStream(xml)) {
            XMLStreamReader reader = open(in, charset);
            try {
                return readEnvelope(reader, stored, false);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            deleteAll(stored);
            throw SoapFault.client("The request is not well-formed XML: " + e.getMessage());
        } catch (SoapFault | IOException | RuntimeException e) {
            deleteAll(stored);
            throw e;
        }
    }

    /** Only the operation's name, for recording requests that a fault knob stops; null if unreadable. */
    String operationOf(Path xml, String charset) {
        try (InputStream in = Files.newInputStream(xml)) {
            XMLStreamReader reader = open(in, charset);
            try {
                return readEnvelope(reader, new ArrayList<>(), true).operation();
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | SoapFault | IOException | RuntimeException e) {
            return null;
        }
    }

    private static XMLStreamReader open(InputStream in, String charset) throws XMLStreamException {
        return charset == null ? FACTORY.createXMLStreamReader(in) : FACTORY.createXMLStreamReader(in, charset);
    }

    private SoapRequest readEnvelope(XMLStreamReader reader, List<Path> stored, boolean operationOnly)
            throws XMLStreamException, SoapFault, IOException {
        reader.nextTag();
        if (!"Envelope".equals(reader.getLocalName())) {
            throw SoapFault.client("The request body is not a SOAP envelope");
        }
        if (SOAP12_NS.equals(reader.getNamespaceURI())) {
            throw SoapFault.versionMismatch("SOAP 1.2 is not supported; send a SOAP 1.1 envelope");
        }
        if (!SOAP11_NS.equals(reader.getNamespaceURI())) {
            throw SoapFault.versionMismatch("Unknown envelope namespace " + reader.getNamespaceURI());
        }
        boolean sessionHeader = false;
        String session = null;
        while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (isSoap(reader, "Header")) {
                while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    if ("SessionHeader".equals(reader.getLocalName())) {
                        sessionHeader = true;
                        session = readSessionHeader(reader);
                    } else {
                        skipElement(reader);
                    }
                }
            } else if (isSoap(reader, "Body")) {
                if (reader.nextTag() != XMLStreamConstants.START_ELEMENT) {
                    throw SoapFault.client("The SOAP Body is empty");
                }
                return readOperation(reader, sessionHeader, session, stored, operationOnly);
            } else {
                skipElement(reader);
            }
        }
        throw SoapFault.client("The SOAP envelope has no Body");
    }

    private static String readSessionHeader(XMLStreamReader reader) throws XMLStreamException {
        String session = null;
        while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if ("session".equals(reader.getLocalName())) {
                session = reader.getElementText().trim();
            } else {
                skipElement(reader);
            }
        }
        return session;
    }

    private SoapRequest readOperation(XMLStreamReader reader, boolean sessionHeader, String session,
                                      List<Path> stored, boolean operationOnly)
            throws XMLStreamException, SoapFault, IOException {
        String operation = reader.getLocalName();
        String operationNs = reader.getNamespaceURI();
        String username = null;
        String password = null;
        String queryString = null;
        List<ZObject> zObjects = new ArrayList<>();
        if (!operationOnly) {
            while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
                String child = reader.getLocalName();
                switch (operation + "/" + child) {
                    case "login/username" -> username = reader.getElementText();
                    case "login/password" -> password = reader.getElementText();
                    case "query/queryString" -> queryString = reader.getElementText();
                    case "create/zObjects" -> zObjects.add(readZObject(reader, stored));
                    default -> skipElement(reader);
                }
            }
        }
        return new SoapRequest(operation, operationNs, sessionHeader, session, username, password, queryString,
                zObjects);
    }

    private ZObject readZObject(XMLStreamReader reader, List<Path> stored)
            throws XMLStreamException, SoapFault, IOException {
        String typeNamespace = null;
        String typeName = null;
        String type = reader.getAttributeValue(XSI_NS, "type");
        if (type != null) {
            type = type.trim();
            int colon = type.indexOf(':');
            String prefix = colon < 0 ? "" : type.substring(0, colon);
            typeName = type.substring(colon + 1);
            typeNamespace = reader.getNamespaceContext().getNamespaceURI(prefix);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        FileContentValue content = null;
        while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String field = reader.getLocalName();
            if (isNil(reader)) {
                skipElement(reader);
            } else if ("FileContent".equals(field)) {
                content = readFileContent(reader, stored);
            } else {
                try {
                    fields.put(field, reader.getElementText());
                } catch (XMLStreamException e) {
                    throw SoapFault.client("zObjects field " + field + " must hold text only");
                }
            }
        }
        return new ZObject(typeNamespace, typeName, fields, content);
    }

    private FileContentValue readFileContent(XMLStreamReader reader, List<Path> stored)
            throws XMLStreamException, SoapFault, IOException {
        String xmimeType = reader.getAttributeValue(XMIME_NS, "contentType");
        FileContentText text = new FileContentText();
        String includeHref = null;
        try {
            while (true) {
                int event = reader.next();
                if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                        || event == XMLStreamConstants.SPACE) {
                    text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    if (XOP_NS.equals(reader.getNamespaceURI()) && "Include".equals(reader.getLocalName())
                            && includeHref == null) {
                        includeHref = reader.getAttributeValue(null, "href");
                        skipElement(reader);
                    } else {
                        throw SoapFault.client("FileContent may hold base64 text or one xop:Include, not "
                                + reader.getName());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    break;
                }
            }
            text.finish();
        } catch (IOException e) {
            text.discard();
            throw SoapFault.client("FileContent is not valid base64: " + e.getMessage());
        } catch (XMLStreamException | SoapFault | RuntimeException e) {
            text.discard();
            throw e;
        }
        if (includeHref != null) {
            if (text.mode != FileContentText.Mode.EMPTY) {
                text.discard();
                throw SoapFault.client("FileContent holds both an xop:Include and text");
            }
            if (!includeHref.trim().regionMatches(true, 0, "cid:", 0, 4)) {
                throw SoapFault.client("xop:Include href must be a cid: URL, was " + includeHref);
            }
            return new Reference(FileContentForm.XOP_INCLUDE, ContentIds.ofCidUrl(includeHref));
        }
        return switch (text.mode) {
            case EMPTY -> null;
            case CID -> new Reference(FileContentForm.CID_TEXT, ContentIds.ofCidUrl(text.cid.toString()));
            case BASE64 -> {
                stored.add(text.file);
                yield new Inline(ReceivedFile.of(FileContentForm.INLINE_BASE64, text.file, text.size.count,
                        HexFormat.of().formatHex(text.md5.digest()), xmimeType));
            }
            case UNDECIDED -> throw new IllegalStateException("finish() decides");
        };
    }

    /**
     * FileContent's characters: base64 goes to a temp file as it arrives; text starting with
     * {@code cid:} (never base64, which has no colon) is seed 001's reference to a MIME part.
     */
    private final class FileContentText {
        enum Mode { UNDECIDED, EMPTY, CID, BASE64 }

        private static final int MAX_CID = 2048;

        private Mode mode = Mode.UNDECIDED;
        private final StringBuilder head = new StringBuilder();
        private final StringBuilder cid = new StringBuilder();
        private Path file;
        private MessageDigest md5;
        private CountingOutputStream size;
        private OutputStream out;
        private Base64TextDecoder decoder;

        void append(char[] chars, int start, int length) throws IOException, SoapFault {
            if (mode == Mode.BASE64) {
                decoder.write(chars, start, length);
                return;
            }
            if (mode == Mode.CID) {
                if (cid.length() + length > MAX_CID) {
                    throw SoapFault.client("FileContent's cid: reference is too long");
                }
                cid.append(chars, start, length);
                return;
            }
            for (int i = start; i < start + length; i++) {
                if (!Character.isWhitespace(chars[i]) || head.length() > 0) {
                    head.append(chars[i]);
                }
            }
            if (head.length() >= 4) {
                decide();
            }
        }

        void finish() throws IOException {
            if (mode == Mode.UNDECIDED) {
                if (head.toString().isBlank()) {
                    mode = Mode.EMPTY;
                    return;
                }
                decide();
            }
            if (mode == Mode.BASE64) {
                decoder.finish();
                out.close();
            } else if (mode == Mode.CID) {
                String reference = cid.toString().trim();
                cid.setLength(0);
                cid.append(reference);
            }
        }

        void discard() throws IOException {
            if (out != null) {
                out.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }

        private void decide() throws IOException {
            String start = head.toString();
            if (start.regionMatches(true, 0, "cid:", 0, 4)) {
                mode = Mode.CID;
                cid.append(start);
                return;
            }
            mode = Mode.BASE64;
            file = Files.createTempFile(fileDir, "inline-", ".bin");
            md5 = StoredBytes.newMd5();
            size = new CountingOutputStream(Files.newOutputStream(file));
            out = new DigestOutputStream(size, md5);
            decoder = new Base64TextDecoder(out);
            char[] chars = start.toCharArray();
            decoder.write(chars, 0, chars.length);
        }
    }

    /** Counts the bytes written through it. */
    static final class CountingOutputStream extends java.io.FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }

        long count() {
            return count;
        }
    }

    private static boolean isSoap(XMLStreamReader reader, String localName) {
        return SOAP11_NS.equals(reader.getNamespaceURI()) && localName.equals(reader.getLocalName());
    }

    private static boolean isNil(XMLStreamReader reader) {
        String nil = reader.getAttributeValue(XSI_NS, "nil");
        return nil != null && (nil.trim().equals("true") || nil.trim().equals("1"));
    }

    /** From a START_ELEMENT to its END_ELEMENT. */
    private static void skipElement(XMLStreamReader reader) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static void deleteAll(List<Path> files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temp file in the simulator's own folder; stop() removes the folder
            }
        }
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // a SOAP message may not carry a DTD (SOAP 1.1 section 3); refuse entities outright
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }
}

package io.usagebridge.sandbox.zuorasoap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a multipart/related request body by hand, in the layout CXF's MTOM uses: the root
 * part {@code application/xop+xml} first, then binary attachment parts with Content-IDs. The
 * body goes to a file, so a 4 MB attachment never sits in the test's memory.
 */
final class MtomPackage {

    static final String BOUNDARY = "uuid:5b0e8d3c-usagebridge-test-boundary";
    static final String ROOT_ID = "root.message@cxf.apache.org";

    private record Attachment(String contentId, List<String> headers, Path file, byte[] bytes) {
    }

    private final String rootXml;
    private final List<Attachment> attachments = new ArrayList<>();
    private boolean xop = true;
    private boolean rootLast;
    private boolean finalCrlf = true;
    private String eol = "\r\n";

    MtomPackage(String rootXml) {
        this.rootXml = rootXml;
    }

    /** SOAP with Attachments (seed 001's form): type text/xml, no XOP. */
    MtomPackage withoutXop() {
        xop = false;
        return this;
    }

    /** Puts the root part after the attachments, so only the start parameter finds it. */
    MtomPackage rootLast() {
        rootLast = true;
        return this;
    }

    /** Ends the body right after the close delimiter, with no CRLF, as CXF writes it. */
    MtomPackage withoutFinalCrlf() {
        finalCrlf = false;
        return this;
    }

    /** Frames the package with bare LFs instead of CRLF (a body a sloppy writer makes). */
    MtomPackage withBareLineFeeds() {
        eol = "\n";
        return this;
    }

    /** {@code contentType} null sends the part without a Content-Type header. */
    MtomPackage attach(String contentId, String contentType, byte[] bytes) {
        attachments.add(new Attachment(contentId, standardHeaders(contentType), null, bytes));
        return this;
    }

    MtomPackage attach(String contentId, String contentType, Path file) {
        attachments.add(new Attachment(contentId, standardHeaders(contentType), file, null));
        return this;
    }

    /** An attachment with exactly these header lines (for folding and transfer-encoding tests). */
    MtomPackage attachRaw(String contentId, List<String> headerLines, byte[] bytes) {
        attachments.add(new Attachment(contentId, headerLines, null, bytes));
        return this;
    }

    String contentType() {
        return xop
                ? "multipart/related; type=\"application/xop+xml\"; boundary=\"" + BOUNDARY + "\"; start=\"<"
                + ROOT_ID + ">\"; start-info=\"text/xml\""
                : "multipart/related; type=\"text/xml\"; boundary=\"" + BOUNDARY + "\"; start=\"<" + ROOT_ID + ">\"";
    }

    Path writeTo(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            if (!rootLast) {
                writeRoot(out);
            }
            for (Attachment attachment : attachments) {
                ascii(out, "--" + BOUNDARY + eol);
                for (String header : attachment.headers()) {
                    ascii(out, header + eol);
                }
                ascii(out, "Content-ID: <" + attachment.contentId() + ">" + eol + eol);
                if (attachment.file() != null) {
                    try (InputStream in = Files.newInputStream(attachment.file())) {
                        in.transferTo(out);
                    }
                } else {
                    out.write(attachment.bytes());
                }
                ascii(out, eol);
            }
            if (rootLast) {
                writeRoot(out);
            }
            ascii(out, "--" + BOUNDARY + (finalCrlf ? "--" + eol : "--"));
        }
        return file;
    }

    private void writeRoot(OutputStream out) throws IOException {
        ascii(out, "--" + BOUNDARY + eol);
        ascii(out, xop ? "Content-Type: application/xop+xml; charset=UTF-8; type=\"text/xml\"" + eol
                : "Content-Type: text/xml; charset=UTF-8" + eol);
        ascii(out, "Content-Transfer-Encoding: binary" + eol);
        ascii(out, "Content-ID: <" + ROOT_ID + ">" + eol + eol);
        out.write(rootXml.getBytes(StandardCharsets.UTF_8));
        ascii(out, eol);
    }

    private static List<String> standardHeaders(String contentType) {
        List<String> headers = new ArrayList<>();
        if (contentType != null) {
            headers.add("Content-Type: " + contentType);
        }
        headers.add("Content-Transfer-Encoding: binary");
        return headers;
    }

    private static void ascii(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }
}

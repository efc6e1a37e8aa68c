package io.usagebridge.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.RequestContext;

/**
 * Reads a multipart/form-data body (RFC 7578) in one pass with commons-fileupload's streaming parser: file parts
 * stream to temp files in {@code fileDir} while their MD5 is computed; text fields become UTF-8 strings. Memory use
 * is the parser's buffer plus the text fields, whatever the size of the files. The targets' receivers are no
 * stricter about form framing than this library, so the simulator is not either.
 */
public final class MultipartFormReader {

    // text fields are held in memory, so they get a ceiling; file parts have none
    private static final int MAX_FIELD_BYTES = 1024 * 1024;
    private static final int MAX_BOUNDARY = 200;

    private final Path fileDir;

    public MultipartFormReader(Path fileDir) {
        this.fileDir = fileDir;
    }

    /**
     * The boundary of a {@code multipart/form-data} Content-Type, or null for any other type
     * (or a multipart type without a usable boundary).
     */
    public static String boundaryOf(String contentType) {
        MimeHeaderValue value = MimeHeaderValue.parse(contentType);
        String boundary = value.parameter("boundary");
        return !value.lowerCaseValue().equals("multipart/form-data") || boundary == null || boundary.isEmpty()
                || boundary.length() > MAX_BOUNDARY ? null : boundary;
    }

    /**
     * Reads the whole body sent with {@code contentType} (which {@link #boundaryOf} accepts). On a malformed or
     * truncated body the files stored so far are deleted and an IOException is thrown; the caller still owns (and
     * closes) {@code body}.
     */
    public MultipartForm read(InputStream body, String contentType) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        List<MultipartForm.FilePart> files = new ArrayList<>();
        try {
            FileItemInputIterator items = new FormDataParser().getItemIterator(new Body(body, contentType));
            while (items.hasNext()) {
                FileItemInput item = items.next();
                if (item.isFormField()) {
                    fields.put(item.getFieldName(), text(item)); // a repeated name keeps its last value, as PHP does
                } else {
                    files.add(store(item));
                }
            }
            return new MultipartForm(fields, files);
        } catch (IOException | RuntimeException e) {
            for (MultipartForm.FilePart part : files) {
                Files.deleteIfExists(part.file());
            }
            throw e;
        }
    }

    private MultipartForm.FilePart store(FileItemInput item) throws IOException {
        StoredBytes stored;
        try (InputStream in = item.getInputStream()) {
            stored = StoredBytes.copy(in, Files.createTempFile(fileDir, "part-", ".bin"));
        }
        return new MultipartForm.FilePart(item.getFieldName(), item.getName(), item.getContentType(), stored.file(),
                stored.size(), stored.md5());
    }

    private static String text(FileItemInput item) throws IOException {
        try (InputStream in = item.getInputStream()) {
            byte[] value = in.readNBytes(MAX_FIELD_BYTES + 1);
            if (value.length > MAX_FIELD_BYTES) {
                throw new IOException("text field longer than " + MAX_FIELD_BYTES + " bytes");
            }
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    /** A body and its Content-Type, as the parser asks for them. */
    private record Body(InputStream in, String contentType) implements RequestContext {
        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public long getContentLength() {
            return -1; // streamed: the parser needs no length
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public InputStream getInputStream() {
            return in;
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }

    /** The library's streaming parser; only its item iterator is used, items are never buffered. */
    private static final class FormDataParser extends AbstractFileUpload<Body, DiskFileItem, DiskFileItemFactory> {
        FormDataParser() {
            // browsers send non-ASCII file names as raw UTF-8 in part headers
            setHeaderCharset(StandardCharsets.UTF_8);
        }

        @Override
        public FileItemInputIterator getItemIterator(Body body) throws IOException {
            return getItemIterator((RequestContext) body);
        }

        @Override
        public Map<String, List<DiskFileItem>> parseParameterMap(Body body) {
            throw new UnsupportedOperationException("items are streamed, never buffered");
        }

        @Override
        public List<DiskFileItem> parseRequest(Body body) {
            throw new UnsupportedOperationException("items are streamed, never buffered");
        }
    }
}

package io.usagebridge.sandbox;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed multipart/form-data body: text fields by name, file parts stored on disk.
 *
 * @param fields text fields in the order sent; a repeated name keeps its last value, as PHP does
 * @param files  file parts (those with a {@code filename} parameter), in the order sent
 */
public record MultipartForm(Map<String, String> fields, List<FilePart> files) {

    public static final MultipartForm EMPTY = new MultipartForm(Map.of(), List.of());

    public MultipartForm {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        files = List.copyOf(files);
    }

    /** The first file part sent under {@code name}. */
    public Optional<FilePart> file(String name) {
        return files.stream().filter(part -> part.name().equals(name)).findFirst();
    }

    /**
     * One file part as received.
     *
     * @param name        the part's form field name
     * @param fileName    the {@code filename} parameter as sent (may be empty)
     * @param contentType the part's Content-Type, or null
     * @param file        where the bytes were stored
     * @param size        number of bytes stored
     * @param md5         MD5 of the stored bytes, lower-case hex
     */
    public record FilePart(String name, String fileName, String contentType, Path file, long size, String md5) {
    }
}

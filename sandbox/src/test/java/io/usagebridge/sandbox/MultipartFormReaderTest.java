package io.usagebridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartFormReaderTest {

    // content that looks like a boundary without being one, to catch a sloppy delimiter search
    private static final byte[] TRICKY_CSV = ("ACCOUNT_ID,UOM,QTY\r\n--" + MultipartBodyWriter.BOUNDARY.substring(0, 20)
            + "\r\nA1,each,3\r\n\r\n--\r\n").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void readsTextFieldsAndStoresFileWithItsMd5() throws Exception {
        byte[] body = new MultipartBodyWriter()
                .field("merchant", "M1")
                .field("Description", "Zürich usage")
                .file("file", "usage.csv", TRICKY_CSV)
                .field("after", "x")
                .finish();

        MultipartForm form = read(new ByteArrayInputStream(body));

        assertEquals(Map.of("merchant", "M1", "Description", "Zürich usage", "after", "x"), form.fields());
        MultipartForm.FilePart part = form.file("file").orElseThrow();
        assertEquals("usage.csv", part.fileName());
        assertEquals("text/csv", part.contentType());
        assertEquals(TRICKY_CSV.length, part.size());
        assertArrayEquals(TRICKY_CSV, Files.readAllBytes(part.file()));
        assertEquals(GeneratedContent.md5(TRICKY_CSV), part.md5());
    }

    @Test
    void boundariesSplitAcrossReadsAreFound() throws Exception {
        byte[] body = new MultipartBodyWriter().field("a", "1").file("file", "f.csv", TRICKY_CSV).finish();

        MultipartForm form = read(oneByteAtATime(new ByteArrayInputStream(body)));

        assertEquals("1", form.fields().get("a"));
        assertArrayEquals(TRICKY_CSV, Files.readAllBytes(form.file("file").orElseThrow().file()));
    }

    @Test
    void largeFileStreamsToDiskWithCorrectMd5() throws Exception {
        long size = 24L * 1024 * 1024 + 7;
        InputStream body = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(new MultipartBodyWriter().field("a", "1").fileHeader("file", "big.csv").bytes()),
                GeneratedContent.stream(42, size),
                new ByteArrayInputStream(MultipartBodyWriter.closing()))));

        MultipartForm.FilePart part = read(body).file("file").orElseThrow();

        assertEquals(size, part.size());
        assertEquals(size, Files.size(part.file()));
        assertEquals(GeneratedContent.md5(42, size), part.md5());
    }

    @Test
    void preambleAndEpilogueAreIgnored() throws Exception {
        byte[] parts = new MultipartBodyWriter().field("a", "1").finish();
        byte[] body = concat("This is a preamble.\r\n".getBytes(StandardCharsets.US_ASCII), parts,
                "epilogue".getBytes(StandardCharsets.US_ASCII));

        assertEquals(Map.of("a", "1"), read(new ByteArrayInputStream(body)).fields());
    }

    @Test
    void truncatedBodyFailsAndLeavesNoFiles() throws Exception {
        byte[] whole = new MultipartBodyWriter().file("file", "f.csv", TRICKY_CSV).finish();
        byte[] truncated = Arrays.copyOf(whole, whole.length - 20);

        assertThrows(IOException.class, () -> read(new ByteArrayInputStream(truncated)));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void boundaryIsTakenFromMultipartFormDataOnly() {
        assertEquals("abc", MultipartFormReader.boundaryOf("multipart/form-data; boundary=abc"));
        assertEquals("a b;c", MultipartFormReader.boundaryOf("Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b;c\""));
        assertNull(MultipartFormReader.boundaryOf("application/x-www-form-urlencoded"));
        assertNull(MultipartFormReader.boundaryOf("multipart/form-data"));
        assertNull(MultipartFormReader.boundaryOf(null));
    }

    @Test
    void quotedParametersKeepSemicolonsAndNamesAreCaseInsensitive() {
        MimeHeaderValue disposition = MimeHeaderValue.parse("form-data; Name=\"file\"; filename=\"a;b c.csv\"; flag");

        assertEquals("form-data", disposition.value());
        assertEquals("file", disposition.parameter("name"));
        assertEquals("a;b c.csv", disposition.parameter("FILENAME"));
        assertNull(disposition.parameter("flag"), "a parameter without a value is none");
        assertTrue(MimeHeaderValue.parse(null).parameters().isEmpty());
    }

    @Test
    void nonAsciiFileNameInRawUtf8IsRead() throws Exception {
        byte[] body = new MultipartBodyWriter().file("file", "Zürich-usage.csv", TRICKY_CSV).finish();

        assertEquals("Zürich-usage.csv", read(new ByteArrayInputStream(body)).file("file").orElseThrow().fileName());
    }

    private MultipartForm read(InputStream body) throws IOException {
        return new MultipartFormReader(dir).read(body, MultipartBodyWriter.contentType());
    }

    private static InputStream oneByteAtATime(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    private static byte[] concat(byte[]... arrays) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] array : arrays) {
            out.writeBytes(array);
        }
        return out.toByteArray();
    }
}

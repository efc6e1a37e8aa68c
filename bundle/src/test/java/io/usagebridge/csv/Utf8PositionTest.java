package io.usagebridge.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Utf8PositionTest {

    @TempDir
    Path dir;

    @Test
    void namesTheLineAndByteOfTheFirstByteThatIsNotUtf8() throws Exception {
        Path file = dir.resolve("latin1.csv");
        byte[] good = "a,b\nc,d\nZ".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[good.length + 3];
        System.arraycopy(good, 0, bytes, 0, good.length);
        bytes[good.length] = (byte) 0xFC; // ü in Latin-1
        bytes[good.length + 1] = 'r';
        bytes[good.length + 2] = '\n';
        Files.write(file, bytes);

        assertEquals(new Utf8Position(3, good.length), Utf8Position.firstInvalid(file));
    }

    @Test
    void aUtf8FileHasNone() throws Exception {
        Path file = dir.resolve("ok.csv");
        Files.writeString(file, "zürich,ü\n".repeat(20_000));
        assertNull(Utf8Position.firstInvalid(file));
    }
}

package io.usagebridge.sandbox.zuorasoap;

import io.usagebridge.sandbox.MimeHeaderValue;
import java.nio.file.Path;

/**
 * The file of one Import, as received.
 *
 * @param form        how FileContent carried it
 * @param file        where the bytes are stored
 * @param size        byte count
 * @param md5         MD5 of the bytes, lower-case hex
 * @param contentType the MIME part's Content-Type (or the inline element's xmime:contentType), or null
 * @param fileName    the {@code name=} parameter of that Content-Type, or null
 */
record ReceivedFile(FileContentForm form, Path file, long size, String md5, String contentType, String fileName) {

    static ReceivedFile of(FileContentForm form, Path file, long size, String md5, String contentType) {
        String name = contentType == null ? null : MimeHeaderValue.parse(contentType).parameter("name");
        return new ReceivedFile(form, file, size, md5, contentType, name);
    }
}

package io.usagebridge.sandbox.zuorasoap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The synchronous checks create() runs on an Import before accepting it, in the order Zuora
 * reports them: file name in the Content-Type, Md5, size, zip layout, then the simulator's
 * own (documented, not from Zuora) checks of the name length, ImportType and Name.
 */
final class ImportFileChecks {

    /** One failed check: an {@code Errors} entry of the SaveResult. */
    record Rejection(String code, String message, String field) {
    }

    private ImportFileChecks() {
    }

    static Rejection check(ReceivedFile file, String importType, String md5Field, String name) throws IOException {
        if (file == null) {
            return new Rejection("MISSING_REQUIRED_VALUE", ZuoraSoapSimulator.FILE_CONTENT_REQUIRED, "FileContent");
        }
        if (file.fileName() == null || file.fileName().isBlank()) {
            return new Rejection("INVALID_VALUE", ZuoraSoapSimulator.NO_FILE_NAME, null);
        }
        if (md5Field != null && !md5Field.isBlank() && !md5Field.trim().equalsIgnoreCase(file.md5())) {
            return new Rejection("INVALID_VALUE", ZuoraSoapSimulator.MD5_MISMATCH, null);
        }
        if (file.size() > ZuoraSoapSimulator.MAX_FILE_SIZE) {
            return new Rejection("INVALID_VALUE", ZuoraSoapSimulator.FILE_TOO_LARGE, null);
        }
        if (isZip(file.file(), file.fileName()) && zipHasDirectory(file.file())) {
            return new Rejection("INVALID_VALUE", ZuoraSoapSimulator.ZIP_WITH_DIRECTORY, null);
        }
        if (file.fileName().length() >= ZuoraSoapSimulator.FILE_NAME_LIMIT) {
            return new Rejection("INVALID_VALUE", ZuoraSoapSimulator.FILE_NAME_TOO_LONG, null);
        }
        if (importType == null || importType.isBlank()) {
            return new Rejection("MISSING_REQUIRED_VALUE", ZuoraSoapSimulator.IMPORT_TYPE_REQUIRED, "ImportType");
        }
        if (!importType.trim().equalsIgnoreCase("usage")) {
            return new Rejection("INVALID_VALUE", ZuoraSoapSimulator.IMPORT_TYPE_NOT_USAGE, "ImportType");
        }
        if (name != null && name.length() > ZuoraSoapSimulator.NAME_LIMIT) {
            return new Rejection("INVALID_VALUE", ZuoraSoapSimulator.NAME_TOO_LONG, "Name");
        }
        return null;
    }

    /** A zip by its name or by its first bytes (a local file header, or the end record of an empty zip). */
    static boolean isZip(Path file, String fileName) throws IOException {
        if (fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            return true;
        }
        byte[] magic = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(magic, 0, 4);
        }
        return read == 4 && magic[0] == 'P' && magic[1] == 'K'
                && ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
    }

    /** A directory entry, or a file inside a folder (whose directory entry a zip may leave out). */
    private static boolean zipHasDirectory(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory() || entry.getName().contains("/") || entry.getName().contains("\\")) {
                    return true;
                }
            }
            return false;
        } catch (ZipException e) {
            return false; // unreadable: processing fails it with its own reason
        }
    }
}

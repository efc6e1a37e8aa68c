package io.usagebridge.sandbox.zuorasoap;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One Import object a create() call carried, accepted or rejected, with its state when this
 * snapshot was taken.
 *
 * @param id                the 32-hex-digit id, or null when create() rejected it
 * @param createdAt         when create() ran, by the simulator's clock
 * @param errorCode         the SaveResult's error Code when rejected (e.g. INVALID_VALUE), else null
 * @param errorMessage      the SaveResult's error Message when rejected, else null
 * @param name              the Import's Name as sent (null when not sent)
 * @param importType        the ImportType as sent
 * @param md5Field          the Md5 field as sent, or null
 * @param contentForm       how FileContent arrived, or null when there was none
 * @param contentType       the attachment's Content-Type (or an inline element's xmime:contentType), or null
 * @param fileName          the {@code name=} parameter of that Content-Type, or null
 * @param file              the received bytes (the attachment, or the decoded inline text), or null
 * @param size              byte count of {@code file}
 * @param md5               MD5 of {@code file}, lower-case hex, or null
 * @param requestBytes      size of the whole HTTP body of the create() that carried it
 * @param rootPartFile      the raw root XML part of that create()
 * @param status            Pending, Processing, Completed or Failed (null when rejected)
 * @param statusReason      why it failed, once Failed
 * @param totalCount        data rows in the file, once finished
 * @param importedCount     rows imported, once finished (0 when Failed: an import is all or nothing)
 * @param resultResourceUrl where the zipped result CSV is, once finished
 * @param queryCount        how many query() calls have returned this import
 */
public record ZuoraImport(String id, Instant createdAt, String errorCode, String errorMessage,
                          String name, String importType, String md5Field,
                          FileContentForm contentForm, String contentType, String fileName, Path file, long size,
                          String md5, long requestBytes, Path rootPartFile,
                          String status, String statusReason, Integer totalCount, Integer importedCount,
                          String resultResourceUrl, int queryCount) {

    public static final String PENDING = "Pending";
    public static final String PROCESSING = "Processing";
    public static final String COMPLETED = "Completed";
    public static final String FAILED = "Failed";

    public boolean accepted() {
        return id != null;
    }

    /** The file came as an MTOM attachment referenced by {@code xop:Include}. */
    public boolean mtom() {
        return contentForm == FileContentForm.XOP_INCLUDE;
    }

    /** The raw root XML part of the create() that carried this import. */
    public byte[] rootPart() {
        return ZuoraSoapCall.readOrNull(rootPartFile);
    }
}

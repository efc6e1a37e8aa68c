package io.usagebridge.targets.zuorasoap;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What the shared call route sends next, set as an exchange property before it. Kept as data rather than as a
 * built envelope, so every (re)delivery builds its envelope with the session that is valid then.
 */
public sealed interface ZuoraSoapRequest {

    /** The operation name in the contract (login is made by the session cache, never through this route). */
    String operation();

    /**
     * create() of one Import of ImportType Usage, its file sent as an MTOM attachment.
     *
     * @param file        the bytes to attach (CSV or zip), streamed from disk
     * @param contentType the attachment's Content-Type, with the file's {@code name=}
     * @param importName  the Import's Name
     * @param md5         lower-case hex MD5 of exactly {@code file}'s bytes
     */
    record CreateImport(Path file, String contentType, String importName, String md5) implements ZuoraSoapRequest {
        @Override
        public String operation() {
            return "create";
        }
    }

    /** query() of one Import's status. */
    record QueryImport(String importId) implements ZuoraSoapRequest {

        private static final Pattern ZUORA_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

        public QueryImport {
            // the id goes into ZOQL: nothing but an id's characters may reach it
            if (importId == null || !ZUORA_ID.matcher(importId).matches()) {
                throw new IllegalArgumentException("not a Zuora id: " + importId);
            }
        }

        @Override
        public String operation() {
            return "query";
        }

        public String zoql() {
            return "select Id, Status, StatusReason, TotalCount, ImportedCount, ResultResourceUrl from Import "
                    + "where Id = '" + importId + "'";
        }
    }
}

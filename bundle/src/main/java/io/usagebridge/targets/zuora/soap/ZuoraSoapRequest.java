package io.usagebridge.targets.zuora.soap;

import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Pattern;

import io.usagebridge.targets.zuora.ZuoraFileNames;

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

    /** A query() call: its ZOQL, written with every value made safe. */
    sealed interface Query extends ZuoraSoapRequest {

        String zoql();

        @Override
        default String operation() {
            return "query";
        }
    }

    /** query() of one Import's status. */
    record QueryImport(String importId) implements Query {

        private static final Pattern ZUORA_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

        public QueryImport {
            // the id goes into ZOQL: nothing but an id's characters may reach it
            if (importId == null || !ZUORA_ID.matcher(importId).matches()) {
                throw new IllegalArgumentException("not a Zuora id: " + importId);
            }
        }

        @Override
        public String zoql() {
            return "select Id, Status, StatusReason, TotalCount, ImportedCount, ResultResourceUrl from Import "
                    + "where Id = '" + importId + "'";
        }
    }

    /**
     * query() of the Imports a create() whose reply was lost may have made: create() has no idempotency key, but
     * the Import keeps the Name and Md5 it was sent, and its CreatedDate is after the attempt began. CreatedDate
     * is selected to tell several matches apart (ZOQL has no order by); Name and Md5 to check each match exactly.
     *
     * @param name         the Import Name that was sent
     * @param md5          the Md5 that was sent: 32 hex digits
     * @param createdSince the earliest CreatedDate to take (the attempt's start, less any clock skew)
     */
    record FindImport(String name, String md5, Instant createdSince) implements Query {

        private static final Pattern MD5 = Pattern.compile("[0-9A-Fa-f]{32}");

        public FindImport {
            if (name == null || name.isEmpty() || name.length() > ZuoraFileNames.IMPORT_NAME_LIMIT) {
                throw new IllegalArgumentException("not an Import Name (1 to " + ZuoraFileNames.IMPORT_NAME_LIMIT
                        + " characters): " + name);
            }
            if (md5 == null || !MD5.matcher(md5).matches()) {
                throw new IllegalArgumentException("not an MD5 (32 hex digits): " + md5);
            }
            if (createdSince == null) {
                throw new IllegalArgumentException("no earliest CreatedDate to look from");
            }
            ZoqlLiteral.string(name); // refuses what no literal can hold, here rather than at the call
        }

        @Override
        public String zoql() {
            return "select Id, CreatedDate, Name, Md5, Status, StatusReason, TotalCount, ImportedCount, "
                    + "ResultResourceUrl from Import where Name = " + ZoqlLiteral.string(name) + " and Md5 = "
                    + ZoqlLiteral.string(md5) + " and CreatedDate >= " + ZoqlLiteral.dateTime(createdSince);
        }
    }
}

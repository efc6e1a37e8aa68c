package io.usagebridge.sandbox.zuorasoap;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ZOQL the simulator answers: {@code select <fields> from Import [where <conditions>]}, the
 * conditions as {@link ZoqlFilter} reads them. Keywords, the object name and field names are
 * case-insensitive, as in ZOQL; fields come back in the WSDL's element order whatever the
 * select order.
 *
 * @param fields the selected fields, spelled as the WSDL does, without duplicates
 * @param filter the where clause; {@link ZoqlFilter#all()} without one
 */
record ImportQuery(List<String> fields, ZoqlFilter filter) {

    /** The Import fields the simulator can select, in the order of the WSDL's Import type. */
    static final List<String> SELECTABLE = List.of("Id", "CreatedDate", "ImportedCount", "ImportType", "Md5",
            "Name", "OriginalResourceUrl", "ResultResourceUrl", "Status", "StatusReason", "TotalCount", "UpdatedDate");

    private static final Pattern QUERY = Pattern.compile(
            "\\s*select\\s+(.+?)\\s+from\\s+(\\w+)(?:\\s+where\\s+(.+?))?\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern FIELD = Pattern.compile("\\w+");

    ImportQuery {
        fields = List.copyOf(fields);
    }

    static ImportQuery parse(String zoql) throws SoapFault {
        if (zoql == null || zoql.isBlank()) {
            throw malformed("The query string is empty");
        }
        Matcher query = QUERY.matcher(zoql);
        if (!query.matches()) {
            throw malformed("You have an error in your ZOQL syntax: " + zoql.strip());
        }
        if (!query.group(2).equalsIgnoreCase("Import")) {
            throw SoapFault.api("MalformedQueryFault", "INVALID_TYPE",
                    "invalid type for query: " + query.group(2) + " (the simulator knows Import only)");
        }
        List<String> fields = new ArrayList<>();
        for (String raw : query.group(1).split(",")) {
            String name = raw.trim();
            if (!FIELD.matcher(name).matches()) {
                throw malformed("You have an error in your ZOQL syntax near '" + name + "'");
            }
            String known = SELECTABLE.stream().filter(f -> f.equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> SoapFault.api("MalformedQueryFault", "INVALID_FIELD",
                            "invalid field for query: Import." + name));
            if (!fields.contains(known)) {
                fields.add(known);
            }
        }
        ZoqlFilter filter = query.group(3) == null ? ZoqlFilter.all() : ZoqlFilter.parse(query.group(3));
        return new ImportQuery(fields, filter);
    }

    boolean selects(String field) {
        return fields.contains(field);
    }

    private static SoapFault malformed(String message) {
        return SoapFault.api("MalformedQueryFault", "MALFORMED_QUERY", message);
    }
}

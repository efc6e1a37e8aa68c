package io.usagebridge.secrets;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/** Every row of every table of the ledger's schema, all columns as text: what an operator's SELECT * shows. */
public final class LedgerDump {

    private LedgerDump() {
    }

    /** Table name to its rows, each row {@code column=value|column=value...}. */
    public static Map<String, List<String>> of(DataSource dataSource) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> names = new ArrayList<>();
            try (ResultSet t = meta.getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
                while (t.next()) {
                    names.add(t.getString("TABLE_NAME"));
                }
            }
            for (String table : names) {
                List<String> rows = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select * from \"" + table + "\"")) {
                    ResultSetMetaData columns = r.getMetaData();
                    while (r.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            row.append(i == 1 ? "" : "|").append(columns.getColumnName(i)).append('=')
                                    .append(r.getString(i));
                        }
                        rows.add(row.toString());
                    }
                }
                tables.put(table, rows);
            }
        }
        return tables;
    }
}

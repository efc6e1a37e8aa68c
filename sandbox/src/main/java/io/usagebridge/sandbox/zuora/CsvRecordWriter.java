package io.usagebridge.sandbox.zuora;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes CSV records with CRLF line ends, quoting a value only when it needs it (RFC 4180). */
final class CsvRecordWriter {

    private final Writer out;

    CsvRecordWriter(Writer out) {
        this.out = out;
    }

    void write(List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String value = values.get(i) == null ? "" : values.get(i);
            if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                    || value.indexOf('\r') >= 0) {
                out.write('"');
                out.write(value.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(value);
            }
        }
        out.write("\r\n");
    }

    void flush() throws IOException {
        out.flush();
    }
}

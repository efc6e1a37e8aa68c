package io.usagebridge.intake;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.failure.CoreFailureCode;

/**
 * Every intake's first look at a file (the consumer's {@code filter}, checked before its include pattern): a name
 * holding a control character (a line feed, a tab, ...) is never taken, and said so once per name in a WARN, the
 * name escaped. Without this such a file waits unseen for ever: the include pattern's {@code .} matches no line
 * feed. It is not moved to failed/ either: its name would carry the control character into every log line, the
 * ledger, the sidecar's own name and the targets' file names, and nothing of the file is wanted before an operator
 * renames it.
 */
public final class UnsafeFileNames implements GenericFileFilter<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(UnsafeFileNames.class);

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    @Override
    public boolean accept(GenericFile<Object> file) {
        return takes(file);
    }

    /** The same check for a filter of any file type that runs this one first (a folder intake's). */
    public boolean takes(GenericFile<?> file) {
        if (file.isDirectory()) {
            return true; // its files are looked at one by one, with the folder in their relative name
        }
        String name = file.getRelativeFilePath();
        if (name == null || !unsafe(name)) {
            return true;
        }
        if (warned.add(file.getAbsoluteFilePath())) {
            LOG.warn("{}: the file \"{}\" in {} is never taken: its name holds a control character; rename it",
                    CoreFailureCode.FILE_NAME_INVALID, escaped(name), escaped(file.getEndpointPath()));
        }
        return false;
    }

    /** The files warned about so far (absolute paths): each once. */
    public Set<String> warned() {
        return Set.copyOf(warned);
    }

    static boolean unsafe(String name) {
        return name.codePoints().anyMatch(UnsafeFileNames::isControl);
    }

    /** The name with every control character written as an escape ({@code \n}, {@code \u0007}): one log line. */
    static String escaped(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                default -> {
                    if (isControl(c)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    private static boolean isControl(int c) {
        // C0, DEL, C1, and the Unicode line and paragraph separators: each can end or rewrite a log line
        return Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029';
    }
}

package io.usagebridge.intake;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;

import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * Refuses a local inbox entry before a byte of it is read: a symbolic link (its target may be any file the process
 * can read, outside the inbox, and would change under the ledger's fingerprint), or a file the process cannot read
 * (a permission does not heal by retrying). A remote (SFTP) file is read by the server's rules and passes.
 */
final class LocalEntryCheck {

    private LocalEntryCheck() {
    }

    static void refuseUnsafe(Exchange exchange) {
        if (!(exchange.getMessage().getBody() instanceof GenericFile<?> file) || !(file.getFile() instanceof File local)) {
            return;
        }
        Path path = local.toPath();
        if (Files.isSymbolicLink(path)) {
            throw new UsageBridgeFailure(CoreFailureCode.FILE_IS_SYMBOLIC_LINK, "the inbox entry is a symbolic link "
                    + "(to " + target(path) + "): not followed, nothing read; put the file itself into the inbox");
        }
        if (!Files.isReadable(path)) {
            throw new UsageBridgeFailure(CoreFailureCode.FILE_UNREADABLE, "the file cannot be read by UsageBridge "
                    + "(permissions): nothing was read or sent; make it readable and move it back into the inbox");
        }
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (java.io.IOException e) {
            return "an unreadable target";
        }
    }
}

package io.usagebridge.intake;

import java.io.File;

import com.jcraft.jsch.ChannelSftp;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.component.file.remote.strategy.SftpChangedExclusiveReadLockStrategy;
import org.apache.camel.component.file.strategy.FileChangedExclusiveReadLockStrategy;

import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.ledger.IntakeLocks;

/**
 * Each intake's read lock: the ledger's lease on the file (see {@link LedgerReadLock}) over the endpoint type's
 * "changed" check. A file is taken once it is at least {@code readLockMinAgeMs} old (default 10 s). A young file is
 * skipped at once ({@code readLockTimeoutMs}) and looked at again at the next poll, so one young file never holds up
 * the others. A zero-byte file is taken too, so it fails with FILE_EMPTY instead of waiting for ever. The intake
 * templates make one per route from their parameters; {@code intake.folder.*} / {@code intake.sftp.*} configure the
 * two shared ones that intake routes written by hand name ({@code #folderReadLock}, {@code #sftpReadLock}).
 */
public final class IntakeReadLocks {

    static final long DEFAULT_MIN_AGE_MS = 10_000;

    private IntakeReadLocks() {
    }

    public static FileChangedExclusiveReadLockStrategy folderChanged(UsageBridgeSettings intake) {
        return folderChanged(intake.getLong("read-lock-check-interval-ms", 1000),
                intake.getLong("read-lock-timeout-ms", 2000),
                intake.getLong("read-lock-min-age-ms", DEFAULT_MIN_AGE_MS));
    }

    public static SftpChangedExclusiveReadLockStrategy sftpChanged(UsageBridgeSettings intake) {
        return sftpChanged(intake.getLong("read-lock-check-interval-ms", 1000),
                intake.getLong("read-lock-timeout-ms", 3000),
                intake.getLong("read-lock-min-age-ms", DEFAULT_MIN_AGE_MS));
    }

    static FileChangedExclusiveReadLockStrategy folderChanged(long checkIntervalMs, long timeoutMs, long minAgeMs) {
        FileChangedExclusiveReadLockStrategy changed = new FileChangedExclusiveReadLockStrategy();
        changed.setCheckInterval(checkIntervalMs);
        changed.setTimeout(timeoutMs);
        changed.setMinAge(minAgeMs);
        changed.setMinLength(0);
        return changed;
    }

    static SftpChangedExclusiveReadLockStrategy sftpChanged(long checkIntervalMs, long timeoutMs, long minAgeMs) {
        SftpChangedExclusiveReadLockStrategy changed = new SftpChangedExclusiveReadLockStrategy();
        changed.setCheckInterval(checkIntervalMs);
        changed.setTimeout(timeoutMs);
        changed.setMinAge(minAgeMs);
        changed.setMinLength(0);
        return changed;
    }

    /** The read lock of one folder-source route, from its readLock* parameters. */
    static LedgerReadLock<File> folder(RouteTemplateContext rtc) {
        return new LedgerReadLock<>(intakeLocks(rtc), folderChanged(millis(rtc, "readLockCheckIntervalMs"),
                millis(rtc, "readLockTimeoutMs"), millis(rtc, "readLockMinAgeMs")));
    }

    /** The read lock of one sftp-source route, from its readLock* parameters. */
    static LedgerReadLock<ChannelSftp.LsEntry> sftp(RouteTemplateContext rtc) {
        return new LedgerReadLock<>(intakeLocks(rtc), sftpChanged(millis(rtc, "readLockCheckIntervalMs"),
                millis(rtc, "readLockTimeoutMs"), millis(rtc, "readLockMinAgeMs")));
    }

    private static IntakeLocks intakeLocks(RouteTemplateContext rtc) {
        IntakeLocks locks = rtc.getCamelContext().getRegistry().lookupByNameAndType("intakeLocks", IntakeLocks.class);
        if (locks == null) {
            throw new IllegalStateException("no intakeLocks bean: the UsageBridge wiring must be added before the "
                    + "intake routes");
        }
        return locks;
    }

    /** A parameter given as a number of milliseconds, its placeholders ({{intake.folder.*}}) resolved. */
    private static long millis(RouteTemplateContext rtc, String name) {
        String raw = rtc.getProperty(name, String.class);
        String value = raw == null ? "" : rtc.getCamelContext().resolvePropertyPlaceholders(raw).trim();
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("intake parameter " + name + " = '" + value + "' is not a number of "
                    + "milliseconds");
        }
    }
}

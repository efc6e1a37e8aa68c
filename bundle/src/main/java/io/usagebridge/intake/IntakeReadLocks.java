package io.usagebridge.intake;

import org.apache.camel.component.file.remote.strategy.SftpChangedExclusiveReadLockStrategy;
import org.apache.camel.component.file.strategy.FileChangedExclusiveReadLockStrategy;

import io.usagebridge.config.UsageBridgeSettings;

/**
 * The "changed" half of each intake's read lock, from its settings ({@code intake.folder.*}, {@code intake.sftp.*}):
 * a file is taken once it is at least {@code read-lock-min-age-ms} old (default 10 s). A young file is skipped at
 * once ({@code read-lock-timeout-ms}) and looked at again at the next poll, so one young file never holds up the
 * others. A zero-byte file is taken too, so it fails with FILE_EMPTY instead of waiting for ever.
 */
public final class IntakeReadLocks {

    static final long DEFAULT_MIN_AGE_MS = 10_000;

    private IntakeReadLocks() {
    }

    public static FileChangedExclusiveReadLockStrategy folderChanged(UsageBridgeSettings intake) {
        FileChangedExclusiveReadLockStrategy changed = new FileChangedExclusiveReadLockStrategy();
        changed.setCheckInterval(intake.getLong("read-lock-check-interval-ms", 1000));
        changed.setTimeout(intake.getLong("read-lock-timeout-ms", 2000));
        changed.setMinAge(intake.getLong("read-lock-min-age-ms", DEFAULT_MIN_AGE_MS));
        changed.setMinLength(0);
        return changed;
    }

    public static SftpChangedExclusiveReadLockStrategy sftpChanged(UsageBridgeSettings intake) {
        SftpChangedExclusiveReadLockStrategy changed = new SftpChangedExclusiveReadLockStrategy();
        changed.setCheckInterval(intake.getLong("read-lock-check-interval-ms", 1000));
        changed.setTimeout(intake.getLong("read-lock-timeout-ms", 3000));
        changed.setMinAge(intake.getLong("read-lock-min-age-ms", DEFAULT_MIN_AGE_MS));
        changed.setMinLength(0);
        return changed;
    }
}

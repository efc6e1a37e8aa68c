package io.usagebridge.intake;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy;
import org.apache.camel.component.file.GenericFileOperations;

import io.usagebridge.ledger.IntakeLocks;

/**
 * The intakes' read lock ({@code exclusiveReadLockStrategy}): a file is taken only when no other instance holds it
 * (a lease in the ledger, so it works across nodes sharing a folder or an SFTP directory, and a dead instance's lock
 * runs out) and it has stopped changing (the file component's own "changed" check, with a minimum age). No marker
 * file is written: the ledger is the one lock.
 *
 * @param <T> the file type of the endpoint (java.io.File, an SFTP entry)
 */
public final class LedgerReadLock<T> implements GenericFileExclusiveReadLockStrategy<T> {

    private final IntakeLocks locks;
    private final GenericFileExclusiveReadLockStrategy<T> changed;

    /** @param changed the endpoint type's "changed" check, configured (interval, timeout, minimum age) */
    public LedgerReadLock(IntakeLocks locks, GenericFileExclusiveReadLockStrategy<T> changed) {
        this.locks = locks;
        this.changed = changed;
        changed.setMarkerFiler(false);
    }

    @Override
    public void prepareOnStartup(GenericFileOperations<T> operations, GenericFileEndpoint<T> endpoint)
            throws Exception {
        changed.prepareOnStartup(operations, endpoint);
    }

    @Override
    public boolean acquireExclusiveReadLock(GenericFileOperations<T> operations, GenericFile<T> file,
                                            Exchange exchange) throws Exception {
        String key = key(file, exchange);
        if (!locks.add(key)) {
            return false; // another live instance has it
        }
        boolean stable = false;
        try {
            stable = changed.acquireExclusiveReadLock(operations, file, exchange);
            return stable;
        } finally {
            if (!stable) {
                locks.remove(key);
            }
        }
    }

    @Override
    public void releaseExclusiveReadLockOnAbort(GenericFileOperations<T> operations, GenericFile<T> file,
                                                Exchange exchange) throws Exception {
        changed.releaseExclusiveReadLockOnAbort(operations, file, exchange);
        locks.remove(key(file, exchange));
    }

    /** The file stays in the inbox: any instance may take it again at once. */
    @Override
    public void releaseExclusiveReadLockOnRollback(GenericFileOperations<T> operations, GenericFile<T> file,
                                                   Exchange exchange) throws Exception {
        changed.releaseExclusiveReadLockOnRollback(operations, file, exchange);
        locks.remove(key(file, exchange));
    }

    /** The file was moved: the lock lingers a few seconds, so a listing taken before the move cannot take it. */
    @Override
    public void releaseExclusiveReadLockOnCommit(GenericFileOperations<T> operations, GenericFile<T> file,
                                                 Exchange exchange) throws Exception {
        changed.releaseExclusiveReadLockOnCommit(operations, file, exchange);
        locks.releaseLater(key(file, exchange));
    }

    /** One key per file of one intake: the consumer's endpoint and the file's path below it. */
    static String key(GenericFile<?> file, Exchange exchange) {
        String endpoint = exchange.getFromEndpoint() == null ? "" : exchange.getFromEndpoint().getEndpointBaseUri();
        return endpoint + "|" + file.getAbsoluteFilePath();
    }

    // configured on the "changed" check itself, from the intake's settings: the endpoint's options do not apply
    @Override
    public void setTimeout(long timeout) {
    }

    @Override
    public void setCheckInterval(long checkInterval) {
    }

    @Override
    public void setReadLockLoggingLevel(LoggingLevel readLockLoggingLevel) {
    }

    @Override
    public void setMarkerFiler(boolean markerFile) {
    }

    @Override
    public void setDeleteOrphanLockFiles(boolean deleteOrphanLockFiles) {
    }
}

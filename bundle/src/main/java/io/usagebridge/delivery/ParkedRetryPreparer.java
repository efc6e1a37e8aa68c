package io.usagebridge.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.csv.ChunkFile;
import io.usagebridge.deadletter.FailureLog;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.intake.WorkDirs;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.ledger.Ledger;
import io.usagebridge.ledger.SourceRow;

/**
 * Sets up a parked retry to go through its target's send route exactly as the first attempt did: the same chunk,
 * read from the work folder and checked against the MD5 the ledger holds (the claim is bound to those bytes). A chunk
 * this instance cannot read is left for an instance that can (a shared work folder); gone for longer than the grace
 * time, the delivery fails with CHUNK_UNAVAILABLE and the original can be replayed.
 */
public final class ParkedRetryPreparer implements Processor {

    /** Exchange property: true when the retry is ready to send. */
    public static final String READY = "UsageBridgeRetryReady";

    private static final Logger LOG = LoggerFactory.getLogger(ParkedRetryPreparer.class);

    private final Ledger ledger;
    private final Duration missingChunkGrace;
    private final Clock clock;

    public ParkedRetryPreparer(Ledger ledger, Duration missingChunkGrace, Clock clock) {
        this.ledger = ledger;
        this.missingChunkGrace = missingChunkGrace;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        DeliveryRow row = exchange.getMessage().getMandatoryBody(DeliveryRow.class);
        SourceRow source = ledger.sources().source(row.sourceId()).orElseThrow();
        exchange.setProperty(ExchangeKeys.SOURCE_ID, source.id());
        exchange.setProperty(ExchangeKeys.SOURCE_NAME, source.name());
        exchange.setProperty(ExchangeKeys.SHA256, row.contentSha256());
        exchange.setProperty(ExchangeKeys.TARGET, row.target());
        exchange.setProperty(ExchangeKeys.DELIVERY_ID, row.id());
        exchange.setProperty(ExchangeKeys.KEY_GENERATION, row.keyGeneration());
        exchange.setProperty(ExchangeKeys.FAILURES, new FailureLog());
        exchange.setProperty(ExchangeKeys.WORK_DIR, WorkDirs.ofWorkCopy(source.workPath()));
        exchange.setProperty(ExchangeKeys.STAGE, "send");
        Path chunk = row.chunkPath() == null ? null : Path.of(row.chunkPath());
        if (chunk == null || !Files.isReadable(chunk) || !md5(chunk).equals(row.chunkMd5())) {
            notHere(row, chunk);
            exchange.setProperty(READY, false);
            return;
        }
        exchange.setProperty(ExchangeKeys.CHUNK, new ChunkFile(row.chunkNo(), row.chunkCount(), chunk,
                row.chunkMd5(), row.chunkBytes(), row.chunkRows()));
        exchange.setProperty(ExchangeKeys.CLAIMED, true);
        exchange.setProperty(ExchangeKeys.DUE_RETRY, true);
        exchange.setProperty(READY, true);
        LOG.info("{} -> {} delivery {}: RETRY {} (parked after {})", source.name(), row.target(), row.id(),
                row.parks(), row.errorCode());
    }

    private void notHere(DeliveryRow row, Path chunk) {
        boolean longGone = row.nextAttemptAt() != null
                && row.nextAttemptAt().plus(missingChunkGrace).isBefore(clock.instant());
        if (!longGone) {
            ledger.deliveries().releaseTaken(row.id());
            LOG.warn("delivery {}: its chunk {} cannot be read here (or its bytes differ); left for an instance "
                    + "that shares the work folder", row.id(), chunk);
            return;
        }
        ledger.deliveries().markFailed(row.id(), DeliveryState.FAILED, new UsageBridgeFailure(CoreFailureCode.CHUNK_UNAVAILABLE,
                "the parked retry's chunk " + chunk + " is gone or changed (work folder lost?); nothing was sent "
                + "again: replay the original to send it"));
        LOG.warn("delivery {}: CHUNK_UNAVAILABLE, its chunk {} is gone", row.id(), chunk);
    }

    static String md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                md5.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}

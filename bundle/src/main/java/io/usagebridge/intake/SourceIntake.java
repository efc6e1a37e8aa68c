package io.usagebridge.intake;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.deadletter.FailureLog;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.fault.FaultPoints;
import io.usagebridge.ledger.Fingerprint;
import io.usagebridge.ledger.SourceLedger;
import io.usagebridge.metrics.UsageBridgeMetrics;

/**
 * First stage for every source (folder or SFTP): stream the file into its own work folder while fingerprinting
 * it, and record it in the ledger. Later stages read the work copy; the original is only ever moved.
 */
public final class SourceIntake implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(SourceIntake.class);

    private final StreamingFingerprinter fingerprinter;
    private final SourceLedger sources;
    private final Path workRoot;
    private final UsageBridgeMetrics metrics;
    private final FaultPoints faultPoints;

    public SourceIntake(StreamingFingerprinter fingerprinter, SourceLedger sources, Path workRoot,
                        UsageBridgeMetrics metrics, FaultPoints faultPoints) {
        this.fingerprinter = fingerprinter;
        this.sources = sources;
        this.workRoot = workRoot;
        this.metrics = metrics;
        this.faultPoints = faultPoints;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        exchange.setProperty(ExchangeKeys.SOURCE_NAME, name);
        exchange.setProperty(ExchangeKeys.FAILURES, new FailureLog());
        exchange.setProperty(ExchangeKeys.STAGE, "intake");
        String origin = exchange.getProperty(ExchangeKeys.ORIGIN, String.class);
        if (origin == null && exchange.getFromEndpoint() != null) {
            origin = exchange.getFromEndpoint().getEndpointBaseUri();
        }
        LocalEntryCheck.refuseUnsafe(exchange);
        Path workDir = workRoot.resolve(UUID.randomUUID().toString());
        Path workFile = workDir.resolve("source").resolve(Path.of(name).getFileName().toString());
        Fingerprint fp;
        try (InputStream in = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            fp = fingerprinter.copyAndFingerprint(in, workFile,
                    bytes -> LOG.info("{}: received {} MiB", name, bytes / (1024 * 1024)));
        }
        long sourceId = sources.recordSource(name, origin, exchange.getFromRouteId(), workFile, fp);
        metrics.fileReceived(String.valueOf(exchange.getFromRouteId()), fp.bytes());
        exchange.setProperty(ExchangeKeys.SOURCE_ID, sourceId);
        exchange.setProperty(ExchangeKeys.WORK_DIR, workDir);
        exchange.setProperty(ExchangeKeys.WORK_FILE, workFile);
        exchange.setProperty(ExchangeKeys.SHA256, fp.sha256());
        LOG.info("{}: RECEIVED as source {} ({} bytes, {} lines, md5 {}, sha256 {})", name, sourceId, fp.bytes(),
                fp.rows(), fp.md5(), fp.sha256());
        faultPoints.reach(FaultPoints.AFTER_INTAKE, name + " source " + sourceId);
        if (fp.bytes() == 0) {
            throw new UsageBridgeFailure(CoreFailureCode.FILE_EMPTY, "the file is empty");
        }
        exchange.getMessage().setBody(workFile);
    }
}

package io.usagebridge.targets.zuora.soap;

import java.nio.file.Path;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.config.TargetConfig;
import io.usagebridge.csv.ChunkFile;
import io.usagebridge.csv.UsageChunker;
import io.usagebridge.delivery.ChunkPlanLoader;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.plugin.TargetCatalog;
import io.usagebridge.routing.TargetSlice;

/**
 * The Zuora SOAP target's validate-and-shape step: the slice is checked and shaped against Zuora's usage
 * contract in one streaming pass (as for every target), then made into import files within Zuora's 4 MB limit:
 * as is, zipped, or cut on row boundaries (see {@link ZuoraImportFiles}). The body becomes the files, in order.
 */
public final class ZuoraImportChunker implements Processor {

    private final TargetCatalog catalog;
    private final UsageChunker chunker;
    private final ZuoraImportFiles files;

    public ZuoraImportChunker(TargetCatalog catalog, UsageChunker chunker) {
        this.catalog = catalog;
        this.chunker = chunker;
        this.files = new ZuoraImportFiles(chunker);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        TargetSlice slice = exchange.getMessage().getMandatoryBody(TargetSlice.class);
        TargetConfig target = catalog.target(slice.target());
        Path workDir = exchange.getProperty(ExchangeKeys.WORK_DIR, Path.class);
        String name = Path.of(exchange.getProperty(ExchangeKeys.SOURCE_NAME, String.class)).getFileName().toString();
        String stem = name.toLowerCase().endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        Path dir = workDir.resolve("chunks").resolve(target.id());
        List<Long> plan = ChunkPlanLoader.plan(exchange);
        List<ChunkFile> shaped = chunker.chunk(slice.file(), catalog.contractOf(target.id()),
                target.maxChunkBytes(), target.maxChunkRows(), dir.resolve("shaped"), stem, plan);
        List<ChunkFile> imports = files.fit(shaped, dir, stem);
        if (!plan.isEmpty() && !imports.stream().map(ChunkFile::rows).toList().equals(plan)) {
            // the same rows no longer fit the same Imports (their shaped bytes grew): never re-cut a claimed plan
            throw new UsageBridgeFailure(CoreFailureCode.CHUNK_PLAN_MISMATCH, "an earlier delivery of this content was "
                    + "sent as Imports of " + plan + " rows; the same rows now need Imports of "
                    + imports.stream().map(ChunkFile::rows).toList() + " rows: nothing is sent");
        }
        exchange.getMessage().setBody(imports);
    }
}

package io.usagebridge.delivery;

import java.nio.file.Path;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.config.TargetConfig;
import io.usagebridge.csv.ChunkFile;
import io.usagebridge.csv.UsageChunker;
import io.usagebridge.plugin.TargetCatalog;
import io.usagebridge.plugin.TargetType;
import io.usagebridge.routing.TargetSlice;

/** Validates and shapes a target's slice against the target's contract and cuts it to the target's limits. */
public final class SliceChunker implements Processor {

    private final TargetCatalog catalog;
    private final UsageChunker chunker;

    public SliceChunker(TargetCatalog catalog, UsageChunker chunker) {
        this.catalog = catalog;
        this.chunker = chunker;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        TargetSlice slice = exchange.getMessage().getMandatoryBody(TargetSlice.class);
        TargetConfig target = catalog.target(slice.target());
        Path workDir = exchange.getProperty(ExchangeKeys.WORK_DIR, Path.class);
        String name = Path.of(exchange.getProperty(ExchangeKeys.SOURCE_NAME, String.class)).getFileName().toString();
        String stem = name.toLowerCase().endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        TargetType type = catalog.typeOf(target.id());
        List<ChunkFile> chunks = chunker.chunk(slice.file(), catalog.contractOf(target.id()),
                Math.min(target.maxChunkBytes(), type.fileByteLimit()), target.maxChunkRows(),
                workDir.resolve("chunks").resolve(target.id()), stem, ChunkPlanLoader.plan(exchange));
        exchange.getMessage().setBody(chunks);
    }
}

package io.usagebridge.routing;

import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;

/** Camel step around {@link TargetSplitter}: the body becomes the list of per-target slices. */
public final class SplitByTarget implements Processor {

    private final TargetSplitter splitter;

    public SplitByTarget(TargetSplitter splitter) {
        this.splitter = splitter;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Path workFile = exchange.getProperty(ExchangeKeys.WORK_FILE, Path.class);
        Path workDir = exchange.getProperty(ExchangeKeys.WORK_DIR, Path.class);
        String name = exchange.getProperty(ExchangeKeys.SOURCE_NAME, String.class);
        exchange.getMessage().setBody(splitter.split(workFile, name, workDir.resolve("slices")));
    }
}

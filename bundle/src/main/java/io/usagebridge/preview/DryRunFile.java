package io.usagebridge.preview;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A dry run's record of one source file: where its previews go and each request written there. One instance travels
 * by reference in {@link io.usagebridge.ExchangeKeys#DRY_RUN}, so the per-target and per-chunk sub-exchanges add to
 * it.
 */
public final class DryRunFile {

    private final String name;
    private final Path previewRoot;
    private final List<PreviewedChunk> chunks = new ArrayList<>();

    /**
     * @param name        the file's path below the inbox, as an intake names it
     * @param previewRoot the preview folder of the whole run
     */
    public DryRunFile(String name, Path previewRoot) {
        this.name = name;
        this.previewRoot = previewRoot;
    }

    public String name() {
        return name;
    }

    public Path previewRoot() {
        return previewRoot;
    }

    /** This file's own folder in the preview: {@code <preview>/<file>/}. */
    public Path folder() {
        return previewRoot.resolve(name);
    }

    public synchronized void add(PreviewedChunk chunk) {
        chunks.add(chunk);
    }

    public synchronized List<PreviewedChunk> chunks() {
        return List.copyOf(chunks);
    }
}

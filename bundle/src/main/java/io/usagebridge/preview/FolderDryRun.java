package io.usagebridge.preview;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.ProducerTemplate;

/**
 * A plug-in's intake that takes whole folders of the inbox (an Insights batch), not file by file: bound in the
 * registry, a dry run hands it the inbox, and it sends each folder through its own real routes marked
 * {@link io.usagebridge.ExchangeKeys#DRY_RUN}, so the send routes write the preview and stop before the send.
 */
public interface FolderDryRun {

    /** Previews the folders of {@code inbox} this intake takes, one outcome each, in name order. */
    List<DryRunOutcome> preview(ProducerTemplate producer, Path inbox, Path preview) throws IOException;
}

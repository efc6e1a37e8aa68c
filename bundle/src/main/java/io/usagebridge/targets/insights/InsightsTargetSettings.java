package io.usagebridge.targets.insights;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.config.UsageBridgeSettings;

/**
 * An insights-batch target's settings ({@code target.<id>.*}): its data sources and their record types (the API
 * names Zuora delivered), how long an incomplete batch may wait, the hosts a signed URL may point at, and the
 * Batch API's file limits. Read and checked once, at start.
 *
 * @param dataSources          by name, in configuration order
 * @param signedUrlHosts       host names a signed URL may name; {@code *.example.com} matches any sub-domain
 * @param allowHttpOnLocalhost a signed URL may be plain http when its host is this machine (the sandbox)
 * @param expiryMargin         a signed URL expiring sooner than this is not used: a new one is asked for
 */
public record InsightsTargetSettings(String target, String url, Map<String, DataSource> dataSources,
                                     List<String> signedUrlHosts, boolean allowHttpOnLocalhost, long maxFileBytes,
                                     int maxLineBytes, Duration expiryMargin) {

    /** The Batch API's limit: "File Size Limit: 100MB when uploaded via Batch API". */
    public static final long BATCH_API_MAX_FILE_BYTES = 100L * 1024 * 1024;
    /** The seed: a daily data source pauses when its files are 2 hours late. */
    public static final Duration DEFAULT_BATCH_DEADLINE = Duration.ofHours(2);

    /** API names end up as folder and file names: letters, digits, '_', '-' and '.' only. */
    private static final Pattern API_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    /** One data source: its record types, each a file {@code <recordType>.csv|.json|.ndjson} of a batch. */
    public record DataSource(String name, List<String> recordTypes, Duration batchDeadline) {
    }

    public InsightsTargetSettings {
        dataSources = Collections.unmodifiableMap(new LinkedHashMap<>(dataSources));
        signedUrlHosts = List.copyOf(signedUrlHosts);
    }

    public static InsightsTargetSettings read(TargetConfig config) {
        UsageBridgeSettings s = config.settings();
        String prefix = "target." + config.id() + ".";
        String url = s.get("url").orElseThrow(() -> new IllegalStateException(prefix + "url is not set: the Batch "
                + "API's upload endpoint, e.g. https://nw1.files.insights.zuora.com/api/files/upload"));
        List<String> names = s.getList("data-sources");
        if (names.isEmpty()) {
            throw new IllegalStateException(prefix + "data-sources is not set: the Data Source API names Zuora "
                    + "delivered, comma-separated");
        }
        Duration defaultDeadline = Duration.ofMillis(s.getLong("batch-deadline-ms",
                DEFAULT_BATCH_DEADLINE.toMillis()));
        Map<String, DataSource> dataSources = new LinkedHashMap<>();
        for (String name : names) {
            checkName(prefix + "data-sources", name);
            List<String> recordTypes = s.getList("data-source." + name + ".record-types");
            if (recordTypes.isEmpty()) {
                throw new IllegalStateException(prefix + "data-source." + name + ".record-types is not set: the "
                        + "Record Type API names of data source " + name + ", comma-separated");
            }
            for (String recordType : recordTypes) {
                checkName(prefix + "data-source." + name + ".record-types", recordType);
            }
            if (recordTypes.stream().distinct().count() != recordTypes.size()) {
                throw new IllegalStateException(prefix + "data-source." + name + ".record-types names a record "
                        + "type twice");
            }
            dataSources.put(name, new DataSource(name, recordTypes, Duration.ofMillis(s.getLong("data-source." + name
                    + ".batch-deadline-ms", defaultDeadline.toMillis()))));
        }
        List<String> hosts = s.getList("signed-url-hosts");
        if (hosts.isEmpty()) {
            throw new IllegalStateException(prefix + "signed-url-hosts is not set: the hosts Insights' signed "
                    + "upload URLs may point at (e.g. zinsights-zin-prod-fileupload.s3-us-west-2.amazonaws.com); a "
                    + "URL naming any other host is refused");
        }
        long maxFileBytes = s.getLong("max-file-bytes", BATCH_API_MAX_FILE_BYTES);
        if (maxFileBytes > BATCH_API_MAX_FILE_BYTES) {
            throw new IllegalStateException(prefix + "max-file-bytes cannot exceed the Batch API's limit of "
                    + BATCH_API_MAX_FILE_BYTES + " bytes");
        }
        return new InsightsTargetSettings(config.id(), url, dataSources,
                hosts.stream().map(h -> h.toLowerCase(java.util.Locale.ROOT)).toList(),
                s.getBoolean("signed-url-allow-http-localhost", false), maxFileBytes,
                s.getInt("max-line-bytes", 1024 * 1024),
                Duration.ofMillis(s.getLong("signed-url-expiry-margin-ms", 60_000)));
    }

    private static void checkName(String key, String name) {
        if (!API_NAME.matcher(name).matches()) {
            throw new IllegalStateException(key + ": '" + name + "' is not an API name (letters, digits, '_', '-', "
                    + "'.')");
        }
    }
}

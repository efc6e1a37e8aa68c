package io.usagebridge.preview;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.csv.ChunkFile;

/**
 * A dry run's last step in a send route, where the send would begin: the chunk exactly as the target would receive
 * it ({@code <file>/<target>/<chunk>}, copied as a stream) and {@code <chunk>.request.json} beside it: method,
 * address, headers and parts as the target's sign step prepared them, secrets masked, send-time values named.
 */
public final class RequestPreviewWriter implements Processor {

    /** Shown for a value the send fills in (what fills it is in the request's atSendTime). */
    public static final String AT_SEND_TIME = "<at send time>";

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void process(Exchange exchange) throws IOException {
        DryRunFile file = exchange.getProperty(ExchangeKeys.DRY_RUN, DryRunFile.class);
        ChunkFile chunk = exchange.getProperty(ExchangeKeys.CHUNK, ChunkFile.class);
        String target = exchange.getProperty(ExchangeKeys.TARGET, String.class);
        PreparedRequest request = exchange.getProperty(ExchangeKeys.PREPARED_REQUEST, PreparedRequest.class);
        if (request == null) {
            throw new IllegalStateException("target " + target + " prepared no request description to preview");
        }
        Path dir = Files.createDirectories(file.folder().resolve(target));
        Path bytes = dir.resolve(chunk.fileName());
        Files.copy(chunk.path(), bytes, StandardCopyOption.REPLACE_EXISTING);
        Path described = dir.resolve(chunk.fileName() + ".request.json");
        json.writeValue(described.toFile(), describe(target, chunk, request));
        file.add(new PreviewedChunk(target, chunk.index(), chunk.count(), chunk.rows(), chunk.bytes(), chunk.md5(),
                relative(file, bytes), relative(file, described)));
    }

    private static Map<String, Object> describe(String target, ChunkFile chunk, PreparedRequest request) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("target", target);
        doc.put("chunk", chunk.index() + "/" + chunk.count());
        doc.put("rows", chunk.rows());
        doc.put("bytes", chunk.bytes());
        doc.put("md5", chunk.md5());
        doc.putAll(request(request));
        return doc;
    }

    /** One request: method, address, headers, parts or body, then the next request the send makes, if any. */
    private static Map<String, Object> request(PreparedRequest request) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("method", request.method());
        doc.put("url", request.url());
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, value) -> headers.put(name, shown(request, name, value)));
        doc.put("headers", headers);
        List<Map<String, Object>> parts = request.parts().stream().map(part -> part(request, part)).toList();
        doc.put("parts", parts);
        if (request.body() != null) {
            doc.put("body", request.body());
        }
        if (request.bodyFile() != null) {
            doc.put("body", "the chunk file beside this one, byte for byte");
        }
        doc.put("atSendTime", request.atSendTime());
        if (!request.notes().isEmpty()) {
            doc.put("notes", request.notes());
        }
        if (request.then() != null) {
            doc.put("then", request(request.then()));
        }
        return doc;
    }

    private static Map<String, Object> part(PreparedRequest request, PreparedRequest.Part part) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", part.name());
        if (part.isFile()) {
            doc.put("fileName", part.fileName());
            doc.put("content", "the chunk file beside this one");
        } else {
            doc.put("value", shown(request, part.name(), part.value()));
        }
        if (part.contentType() != null) {
            doc.put("contentType", part.contentType());
        }
        return doc;
    }

    /** A secret masked; a value only the send knows named as such (a throwaway ledger's delivery id is no value). */
    private static String shown(PreparedRequest request, String name, String value) {
        if (request.isSecret(name)) {
            return PreparedRequest.MASK;
        }
        return request.atSendTime().containsKey(name) ? AT_SEND_TIME : value;
    }

    private static String relative(DryRunFile file, Path path) {
        return file.previewRoot().relativize(path).toString().replace('\\', '/');
    }
}

package io.usagebridge.http;

import java.nio.file.Path;

import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;

import io.usagebridge.preview.PreparedRequest;

/**
 * A multipart upload built and told at once: each part goes into the body that is sent and into the
 * {@link PreparedRequest} a dry run writes, in the same call, so the two cannot drift. The file part streams from
 * disk with a known length.
 */
public final class FormParts {

    private final MultipartEntityBuilder body;
    private final PreparedRequest request;

    public FormParts(MultipartEntityBuilder body, PreparedRequest request) {
        this.body = body;
        this.request = request;
    }

    public FormParts text(String name, String value, ContentType type) {
        body.addTextBody(name, value, type);
        request.text(name, value, type.toString());
        return this;
    }

    /** A text part that is a secret: sent as is, told by its name only. */
    public FormParts secretText(String name, String value, ContentType type) {
        body.addTextBody(name, value, type);
        request.secretText(name, type.toString());
        return this;
    }

    public FormParts file(String name, Path file, ContentType type, String fileName) {
        body.addBinaryBody(name, file.toFile(), type, fileName);
        request.file(name, file, type.toString(), fileName);
        return this;
    }

    public HttpEntity entity() {
        // the boundary is drawn per request: the preview names the header, not its value
        request.atSendTime("Content-Type", "multipart/form-data with a boundary drawn for each request");
        return body.build();
    }
}

package io.usagebridge.preview;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a target's sign step prepared for one chunk, told as data: method, address, headers and parts in the order
 * they go. The builder that makes the real request writes this with the same values in the same statement, so a dry
 * run's preview is what would be sent. A secret is never held here, only its name (shown masked); a value known only
 * at send time (a token, a session, a delivery id) is named with what fills it.
 */
public final class PreparedRequest {

    /** Shown in place of every secret. */
    public static final String MASK = "****";

    /** A text part (value null when secret) or the file part (file set). */
    public record Part(String name, String value, String contentType, Path file, String fileName) {

        public boolean isFile() {
            return file != null;
        }
    }

    private final String method;
    private final String url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<Part> parts = new ArrayList<>();
    private final Set<String> secrets = new LinkedHashSet<>();
    private final Map<String, String> atSendTime = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private String body;
    private Path bodyFile;
    private PreparedRequest then;

    public PreparedRequest(String method, String url) {
        this.method = method;
        this.url = url;
    }

    public PreparedRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** A header whose value is a secret (a bearer token): only its name is kept. */
    public PreparedRequest secretHeader(String name) {
        headers.put(name, null);
        secrets.add(name);
        return this;
    }

    public PreparedRequest text(String name, String value, String contentType) {
        parts.add(new Part(name, value, contentType, null, null));
        return this;
    }

    /** A text part whose value is a secret (2Checkout's secret_key): only its name is kept. */
    public PreparedRequest secretText(String name, String contentType) {
        parts.add(new Part(name, null, contentType, null, null));
        secrets.add(name);
        return this;
    }

    public PreparedRequest file(String name, Path file, String contentType, String fileName) {
        parts.add(new Part(name, null, contentType, file, fileName));
        return this;
    }

    /** A header, part or the address itself ({@code url}) whose value only the send knows, and what fills it. */
    public PreparedRequest atSendTime(String name, String filledBy) {
        atSendTime.put(name, filledBy);
        return this;
    }

    /** The whole body, as the bytes sent spell it (a form), when it is no multipart. */
    public PreparedRequest body(String text) {
        this.body = text;
        return this;
    }

    /** The body is this file, byte for byte, as a plain (not multipart) upload sends it. */
    public PreparedRequest bodyFile(Path file) {
        this.bodyFile = file;
        return this;
    }

    /** The request the send makes next, with what this one answers (e.g. an upload to a URL this one asks for). */
    public PreparedRequest then(PreparedRequest next) {
        this.then = next;
        return this;
    }

    /** A value shown as the preview computed it, and how a real send computes its own. */
    public PreparedRequest note(String name, String how) {
        notes.put(name, how);
        return this;
    }

    public String method() {
        return method;
    }

    public String url() {
        return url;
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    public List<Part> parts() {
        return Collections.unmodifiableList(parts);
    }

    public boolean isSecret(String name) {
        return secrets.contains(name);
    }

    public Map<String, String> atSendTime() {
        return Collections.unmodifiableMap(atSendTime);
    }

    public Map<String, String> notes() {
        return Collections.unmodifiableMap(notes);
    }

    /** The text body, or null. */
    public String body() {
        return body;
    }

    /** The file that is the whole body, or null. */
    public Path bodyFile() {
        return bodyFile;
    }

    /** The next request, or null. */
    public PreparedRequest then() {
        return then;
    }

    @Override
    public String toString() {
        return "PreparedRequest[" + method + " " + url + ", " + parts.size() + " parts]";
    }
}

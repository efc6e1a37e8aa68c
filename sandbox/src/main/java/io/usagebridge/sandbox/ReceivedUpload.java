package io.usagebridge.sandbox;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request the 2Checkout receiver simulator processed, as it arrived.
 *
 * @param fields     every text field as sent, secret_key included (this is a test fixture)
 * @param fileName   the {@code filename=} of the file part, or null when there was none
 * @param file       where the file part's bytes are stored, or null when there was none
 * @param size       bytes received in the file part (0 when none)
 * @param fileMd5    MD5 of the bytes received, lower-case hex, or null when there was no file part
 * @param reply      the body answered: {@code 1} or one of the receiver's error texts
 * @param headers    request headers, names lower-cased
 * @param receivedAt when the request reached the simulator
 */
public record ReceivedUpload(Map<String, String> fields, String fileName, Path file, long size, String fileMd5,
                             String reply, Map<String, List<String>> headers, Instant receivedAt) {

    public ReceivedUpload {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        headers = RequestHeaders.copyOf(headers);
    }

    public boolean accepted() {
        return TwoCheckoutReceiverSimulator.ACCEPTED.equals(reply);
    }

    /** The first value of a header, by case-insensitive name, or null. */
    public String header(String name) {
        return RequestHeaders.first(headers, name);
    }
}

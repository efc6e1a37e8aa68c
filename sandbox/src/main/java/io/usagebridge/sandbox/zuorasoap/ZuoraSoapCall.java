package io.usagebridge.sandbox.zuorasoap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One HTTP request the Zuora SOAP simulator received, faulted ones included.
 *
 * @param time          when it arrived, by the simulator's clock
 * @param method        the HTTP method
 * @param path          the request path
 * @param operation     the SOAP operation (login, create, query, ...), {@code download} for a result
 *                      file GET, or null when the body could not be read
 * @param session       the session the request presented (SessionHeader, or the ZSession of a
 *                      download), or null
 * @param httpStatus    the status answered; 0 when the connection was dropped without a response
 * @param requestBytes  the whole HTTP request body as received (MIME framing included), for
 *                      measuring MTOM's overhead
 * @param mtom          the request was {@code multipart/related} with {@code type="application/xop+xml"}
 * @param contentType   the request's Content-Type header
 * @param faultCode     the fault's ErrorCode (e.g. INVALID_SESSION), or its faultcode text for a
 *                      SOAP-layer fault ({@code soapenv:Client}); null when no SOAP fault was answered
 * @param importIds     ids of the Imports this call created (rejected ones have none)
 * @param rootPartFile  the raw root XML part (the whole body for plain text/xml; with
 *                      {@code xop:Include} elements for MTOM), or null when there was none
 * @param response      the SOAP envelope answered, or null when a fault knob answered (HTML) or
 *                      dropped the request, and for downloads and 405s
 */
public record ZuoraSoapCall(Instant time, String method, String path, String operation, String session,
                            int httpStatus, long requestBytes, boolean mtom, String contentType, String faultCode,
                            List<String> importIds, Path rootPartFile, String response) {

    public ZuoraSoapCall {
        importIds = List.copyOf(importIds);
    }

    /** The raw root XML part's bytes, or null when there was none. */
    public byte[] rootPart() {
        return readOrNull(rootPartFile);
    }

    public boolean faulted() {
        return faultCode != null;
    }

    static byte[] readOrNull(Path file) {
        if (file == null) {
            return null;
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

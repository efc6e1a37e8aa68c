package io.usagebridge.targets.zuora.soap;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Optional;
import java.util.Set;

import javax.xml.stream.XMLStreamException;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.transport.http.HTTPException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.usagebridge.deadletter.FailureClassifier;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * What a failed Zuora SOAP call means. A SOAP fault carries Zuora's FaultCode: INVALID_SESSION drops the session
 * and is retried once with a new one; a code that says "later" (SERVER_UNAVAILABLE, rate and concurrency limits)
 * is retried; the rest go to dead letter. An HTTP error without a SOAP fault is classified by status as for any
 * target (429 and 5xx retried). Anything else (connection refused, no answer) is left to the shared classifier,
 * which tells what surely did not arrive from what may have.
 */
final class ZuoraSoapFaults {

    /** Exchange property: set once an INVALID_SESSION made us log in again, so a second one is final. */
    static final String SESSION_RENEWED = "UsageBridgeZuoraSessionRenewed";
    /** Exchange property: the session the call presented, so only that one is dropped. */
    static final String SESSION_USED = "UsageBridgeZuoraSessionUsed";

    static final String INVALID_SESSION = "INVALID_SESSION";

    /** Zuora fault codes that mean "not now": the call did nothing and may be made again. */
    private static final Set<String> RETRYABLE_CODES = Set.of("SERVER_UNAVAILABLE", "REQUEST_EXCEEDED_RATE",
            "REQUEST_EXCEEDED_LIMIT", "LOCK_COMPETITION", "CONCURRENT_REQUEST_EXCEEDED_LIMIT");

    private final ZuoraSoapSession session;

    ZuoraSoapFaults(ZuoraSoapSession session) {
        this.session = session;
    }

    /** In the call route's catch: always throws, the failure the error handler (or the poll recorder) acts on. */
    void rethrow(Exchange exchange) throws Exception {
        Throwable thrown = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        SoapFault fault = cause(thrown, SoapFault.class);
        if (fault != null && INVALID_SESSION.equals(apiCode(fault))) {
            session.invalidate(exchange.getProperty(SESSION_USED, String.class));
            boolean first = !exchange.getProperty(SESSION_RENEWED, false, Boolean.class);
            exchange.setProperty(SESSION_RENEWED, true);
            throw new UsageBridgeFailure(ZuoraSoapFailureCode.ZUORA_SESSION_INVALID, first
                    ? "Zuora no longer takes the session (INVALID_SESSION); logging in again and retrying once"
                    : "Zuora refused a fresh session too (INVALID_SESSION)", faultText(fault), first, null, fault);
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        UsageBridgeFailure failure = map(thrown, status);
        if (failure != null) {
            throw failure;
        }
        throw rethrowable(thrown);
    }

    /** In the result download's catch: a refused session is dropped, so the next check logs in again. */
    void downloadFailed(Exchange exchange) throws Exception {
        Throwable thrown = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        HttpOperationFailedException http = cause(thrown, HttpOperationFailedException.class);
        if (http != null && (http.getStatusCode() == 401 || http.getStatusCode() == 403)) {
            session.invalidate(exchange.getProperty(SESSION_USED, String.class));
        }
        throw rethrowable(thrown);
    }

    private static Exception rethrowable(Throwable thrown) {
        if (thrown instanceof Exception exception) {
            return exception;
        }
        throw (Error) thrown;
    }

    /**
     * A SOAP fault or an HTTP error status as a failure; null for anything else (left to the shared classifier).
     *
     * @param status the HTTP status of the answer when CXF read one, else null
     */
    static UsageBridgeFailure map(Throwable thrown, Integer status) {
        UsageBridgeFailure unreadable = unreadableAnswer(thrown, "Zuora's SOAP answer");
        if (unreadable != null) {
            return unreadable;
        }
        SoapFault fault = cause(thrown, SoapFault.class);
        if (fault != null) {
            String code = apiCode(fault);
            return new UsageBridgeFailure(ZuoraSoapFailureCode.ZUORA_SOAP_FAULT,
                    "Zuora answered a SOAP fault " + code + ": "
                    + fault.getMessage(), faultText(fault), RETRYABLE_CODES.contains(code), null, fault);
        }
        HTTPException http = cause(thrown, HTTPException.class);
        int httpStatus = http != null ? http.getResponseCode() : status == null ? 0 : status;
        // a 500 with an HTML page reaches us as a Fault about its content type, the status only in the header
        if (httpStatus >= 400 && (http != null || thrown instanceof Fault)) {
            String reply = thrown.getMessage();
            if (httpStatus == 429) {
                return new UsageBridgeFailure(CoreFailureCode.TARGET_RATE_LIMITED, "HTTP 429 from Zuora", reply, true,
                        null, thrown);
            }
            if (httpStatus >= 500) {
                return new UsageBridgeFailure(CoreFailureCode.TARGET_UNAVAILABLE, "HTTP " + httpStatus + " from Zuora",
                        reply, true, null, thrown);
            }
            return new UsageBridgeFailure(CoreFailureCode.TARGET_HTTP_ERROR,
                    "HTTP " + httpStatus + " from Zuora", reply,
                    false, null, thrown);
        }
        return null;
    }

    /** A login that failed: refused credentials are final, anything else is tried again (a login bills nothing). */
    static UsageBridgeFailure loginFailure(Throwable thrown, Integer status, String loginUrl) {
        UsageBridgeFailure unreadable = unreadableAnswer(thrown, "login()'s answer at " + loginUrl);
        if (unreadable != null) {
            // no file went anywhere yet: tried again, never uncertain
            return new UsageBridgeFailure(ZuoraSoapFailureCode.ZUORA_LOGIN_REPLY_UNREADABLE, unreadable.getMessage()
                    + " (" + unreadable.code() + "); nothing was sent", unreadable.targetReply(), true, null, thrown);
        }
        SoapFault fault = cause(thrown, SoapFault.class);
        if (fault != null) {
            String code = apiCode(fault);
            boolean retryable = RETRYABLE_CODES.contains(code);
            return new UsageBridgeFailure(retryable ? CoreFailureCode.TARGET_UNAVAILABLE
                    : ZuoraSoapFailureCode.ZUORA_LOGIN_FAILED,
                    "Zuora refused login() at " + loginUrl + ": " + code + " " + fault.getMessage(), faultText(fault),
                    retryable, null, fault);
        }
        UsageBridgeFailure mapped = map(thrown, status);
        if (mapped != null) {
            return mapped;
        }
        Optional<UsageBridgeFailure> untrusted = FailureClassifier.untrustedServer(thrown);
        if (untrusted.isPresent()) {
            return untrusted.get();
        }
        if (cause(thrown, IOException.class) != null && cause(thrown, ConnectException.class) == null) {
            return new UsageBridgeFailure(CoreFailureCode.TARGET_UNAVAILABLE, "login() at " + loginUrl + " got no "
                    + "answer: " + thrown.getMessage(), null, true, null, thrown);
        }
        return null;
    }

    /**
     * An answer we would not read: cut at {@code http.max-reply-bytes} (CappedSoapAnswers), or not XML we parse
     * (malformed, cut, or carrying a DOCTYPE, which CXF's parser refuses before any DTD or entity is resolved). CXF
     * reports the latter as a "Client" SoapFault of its own, told from Zuora's by the parser error it wraps.
     */
    static UsageBridgeFailure unreadableAnswer(Throwable thrown, String what) {
        UsageBridgeFailure capped = cause(thrown, UsageBridgeFailure.class);
        if (capped != null) {
            return capped;
        }
        XMLStreamException xml = cause(thrown, XMLStreamException.class);
        if (xml == null) {
            return null;
        }
        String reason = xml.getMessage() == null ? "" : xml.getMessage().lines().findFirst().orElse("");
        return new UsageBridgeFailure(CoreFailureCode.TARGET_REPLY_UNREADABLE, what + " is not a SOAP envelope "
                + "UsageBridge reads (" + reason + "): a DOCTYPE, entities or malformed XML are refused unread", null,
                false, null, thrown);
    }

    /** Zuora's ErrorCode: the detail's FaultCode, else the faultcode's local part (fns:INVALID_SESSION). */
    static String apiCode(SoapFault fault) {
        Element detail = fault.getDetail();
        if (detail != null) {
            for (Node apiFault = detail.getFirstChild(); apiFault != null; apiFault = apiFault.getNextSibling()) {
                if (apiFault instanceof Element element) {
                    for (Node field = element.getFirstChild(); field != null; field = field.getNextSibling()) {
                        if (field instanceof Element f && "FaultCode".equals(f.getLocalName())) {
                            return f.getTextContent().trim();
                        }
                    }
                }
            }
        }
        return fault.getFaultCode() == null ? "UNKNOWN" : fault.getFaultCode().getLocalPart();
    }

    private static String faultText(SoapFault fault) {
        return apiCode(fault) + ": " + fault.getMessage();
    }

    private static <T extends Throwable> T cause(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}

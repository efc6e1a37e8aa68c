package io.usagebridge.sandbox.zuorasoap;

/**
 * A SOAP 1.1 fault the simulator answers with HTTP 500. Zuora's API faults carry a
 * {@code fns:CODE} faultcode and a detail element of the WSDL's fault namespace whose FaultCode
 * is an ErrorCode; envelope-level faults ({@code soapenv:Client}) have no detail.
 */
final class SoapFault extends Exception {

    private static final long serialVersionUID = 1L;

    private final String faultCode;
    private final String detailElement;
    private final String apiCode;

    private SoapFault(String faultCode, String message, String detailElement, String apiCode) {
        super(message);
        this.faultCode = faultCode;
        this.detailElement = detailElement;
        this.apiCode = apiCode;
    }

    /** A Zuora API fault: {@code detailElement} is e.g. LoginFault, {@code apiCode} e.g. INVALID_VALUE. */
    static SoapFault api(String detailElement, String apiCode, String message) {
        return new SoapFault("fns:" + apiCode, message, detailElement, apiCode);
    }

    /** A fault of the SOAP layer, before any Zuora code ran: the request itself is unusable. */
    static SoapFault client(String message) {
        return new SoapFault("soapenv:Client", message, null, null);
    }

    static SoapFault versionMismatch(String message) {
        return new SoapFault("soapenv:VersionMismatch", message, null, null);
    }

    /** The faultcode element's text, e.g. {@code fns:INVALID_SESSION}. */
    String faultCode() {
        return faultCode;
    }

    /** The detail element's local name in the fault namespace, or null for a SOAP-layer fault. */
    String detailElement() {
        return detailElement;
    }

    /** The FaultCode (an ErrorCode of the WSDL), or null for a SOAP-layer fault. */
    String apiCode() {
        return apiCode;
    }
}

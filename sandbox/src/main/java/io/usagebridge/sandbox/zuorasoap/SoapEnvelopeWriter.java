package io.usagebridge.sandbox.zuorasoap;

import java.util.List;
import java.util.Map;

/**
 * Writes the response envelopes the way Zuora's service does: an XML declaration, the
 * {@code soapenv} prefix, {@code ns1} for http://api.zuora.com/ declared on the response element,
 * {@code ns2} for http://object.api.zuora.com/ on each query record, and faults with an
 * {@code fns:} faultcode and a detail element of http://fault.api.zuora.com/. Element order
 * follows the WSDL's sequences (SaveResult: Errors, Id, Success; QueryResult: done,
 * queryLocator, records, size), since schema-checking clients reject any other.
 */
final class SoapEnvelopeWriter {

    /** One SaveResult: {@code id} when created, else the errors. */
    record SaveResult(String id, List<ImportFileChecks.Rejection> errors) {
        SaveResult {
            errors = List.copyOf(errors);
        }
    }

    private static final String OPEN = "<?xml version='1.0' encoding='UTF-8'?>"
            + "<soapenv:Envelope xmlns:soapenv=\"" + SoapEnvelopeReader.SOAP11_NS + "\"><soapenv:Body>";
    private static final String CLOSE = "</soapenv:Body></soapenv:Envelope>";

    private SoapEnvelopeWriter() {
    }

    static String loginResponse(String session, String serverUrl) {
        return OPEN + "<ns1:loginResponse xmlns:ns1=\"" + SoapEnvelopeReader.API_NS + "\"><ns1:result>"
                + element("ns1:Session", session) + element("ns1:ServerUrl", serverUrl)
                + "</ns1:result></ns1:loginResponse>" + CLOSE;
    }

    static String createResponse(List<SaveResult> results) {
        StringBuilder xml = new StringBuilder(OPEN)
                .append("<ns1:createResponse xmlns:ns1=\"").append(SoapEnvelopeReader.API_NS).append("\">");
        for (SaveResult result : results) {
            xml.append("<ns1:result>");
            for (ImportFileChecks.Rejection error : result.errors()) {
                xml.append("<ns1:Errors>").append(element("ns1:Code", error.code()))
                        .append(element("ns1:Message", error.message()));
                if (error.field() != null) {
                    xml.append(element("ns1:Field", error.field()));
                }
                xml.append("</ns1:Errors>");
            }
            if (result.id() != null) {
                xml.append(element("ns1:Id", result.id()));
            }
            xml.append(element("ns1:Success", String.valueOf(result.id() != null))).append("</ns1:result>");
        }
        return xml.append("</ns1:createResponse>").append(CLOSE).toString();
    }

    /** {@code records}: field name to value, in the WSDL's Import order; null values are left out. */
    static String queryResponse(List<Map<String, String>> records) {
        StringBuilder xml = new StringBuilder(OPEN)
                .append("<ns1:queryResponse xmlns:ns1=\"").append(SoapEnvelopeReader.API_NS).append("\"><ns1:result>")
                .append("<ns1:done>true</ns1:done>")
                .append("<ns1:queryLocator xsi:nil=\"1\" xmlns:xsi=\"").append(SoapEnvelopeReader.XSI_NS).append("\"/>");
        for (Map<String, String> record : records) {
            xml.append("<ns1:records xsi:type=\"ns2:Import\" xmlns:ns2=\"").append(SoapEnvelopeReader.OBJECT_NS)
                    .append("\" xmlns:xsi=\"").append(SoapEnvelopeReader.XSI_NS).append("\">");
            record.forEach((field, value) -> {
                if (value != null) {
                    xml.append(element("ns2:" + field, value));
                }
            });
            xml.append("</ns1:records>");
        }
        return xml.append("<ns1:size>").append(records.size()).append("</ns1:size>")
                .append("</ns1:result></ns1:queryResponse>").append(CLOSE).toString();
    }

    static String fault(SoapFault fault) {
        StringBuilder xml = new StringBuilder(OPEN)
                .append("<soapenv:Fault xmlns:fns=\"").append(SoapEnvelopeReader.FAULT_NS).append("\">")
                .append(element("faultcode", fault.faultCode()))
                .append(element("faultstring", fault.getMessage()));
        if (fault.detailElement() != null) {
            xml.append("<detail><fns:").append(fault.detailElement()).append('>')
                    .append(element("fns:FaultCode", fault.apiCode()))
                    .append(element("fns:FaultMessage", fault.getMessage()))
                    .append("</fns:").append(fault.detailElement()).append("></detail>");
        }
        return xml.append("</soapenv:Fault>").append(CLOSE).toString();
    }

    private static String element(String name, String text) {
        return '<' + name + '>' + escape(text) + "</" + name + '>';
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\r' -> out.append("&#13;");
                default -> {
                    // XML 1.0 cannot carry other control characters at all
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append('?');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}

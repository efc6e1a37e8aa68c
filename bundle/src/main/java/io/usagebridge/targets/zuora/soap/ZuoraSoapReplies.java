package io.usagebridge.targets.zuora.soap;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.cxf.staxutils.StaxUtils;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/** Reads Zuora's answers (loginResponse, createResponse, queryResponse) from CXF's PAYLOAD body. */
final class ZuoraSoapReplies {

    record LoginResult(String session, String serverUrl) {
    }

    record SaveError(String code, String message, String field) {
        @Override
        public String toString() {
            return code + ": " + message + (field == null ? "" : " (field " + field + ")");
        }
    }

    record SaveResult(String id, boolean success, List<SaveError> errors) {
    }

    /** One Import record of a query; counts are null until Zuora has them. */
    record ImportStatus(String id, String status, String statusReason, Long totalCount, Long importedCount,
                        String resultResourceUrl) {

        /** A line for the ledger and the error sidecar. */
        String summary() {
            StringBuilder text = new StringBuilder("Import ").append(id).append(" Status=").append(status);
            if (totalCount != null) {
                text.append(" TotalCount=").append(totalCount);
            }
            if (importedCount != null) {
                text.append(" ImportedCount=").append(importedCount);
            }
            if (statusReason != null) {
                text.append(" StatusReason=").append(statusReason);
            }
            return text.toString();
        }
    }

    /** One Import record of a query, with the fields a lookup matches it by (null when not selected). */
    record ImportRecord(ImportStatus status, String name, String md5, String createdDate) {

        /** CreatedDate as Zuora writes it (e.g. 2026-12-02T02:15:30.000-08:00); empty when absent or unreadable. */
        Optional<Instant> created() {
            try {
                return createdDate == null ? Optional.empty()
                        : Optional.of(OffsetDateTime.parse(createdDate.trim()).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    private ZuoraSoapReplies() {
    }

    /** The operation's response element, e.g. createResponse. */
    static Element responseElement(Exchange exchange, String expected) {
        CxfPayload<?> payload = exchange.getMessage().getBody(CxfPayload.class);
        List<Element> body = payload == null ? List.of() : payload.getBody();
        if (body.isEmpty() || !expected.equals(body.get(0).getLocalName())) {
            throw new UsageBridgeFailure(ZuoraSoapFailureCode.ZUORA_SOAP_FAULT, "Zuora's answer holds no " + expected,
                    body.isEmpty() ? null : text(body.get(0)));
        }
        return body.get(0);
    }

    static LoginResult login(Element loginResponse) {
        Element result = child(loginResponse, "result");
        String session = result == null ? null : childText(result, "Session");
        String serverUrl = result == null ? null : childText(result, "ServerUrl");
        if (session == null || session.isBlank()) {
            throw new UsageBridgeFailure(ZuoraSoapFailureCode.ZUORA_LOGIN_FAILED,
                    "Zuora's login answer holds no session");
        }
        return new LoginResult(session, serverUrl);
    }

    static List<SaveResult> saveResults(Element createResponse) {
        List<SaveResult> results = new ArrayList<>();
        for (Element result : children(createResponse, "result")) {
            List<SaveError> errors = new ArrayList<>();
            for (Element error : children(result, "Errors")) {
                errors.add(new SaveError(childText(error, "Code"), childText(error, "Message"),
                        childText(error, "Field")));
            }
            results.add(new SaveResult(childText(result, "Id"), "true".equals(childText(result, "Success")),
                    errors));
        }
        return results;
    }

    static Optional<ImportStatus> importStatus(Element queryResponse) {
        return importRecords(queryResponse).stream().findFirst().map(ImportRecord::status);
    }

    /** Every Import record of a queryResponse, in the order Zuora wrote them (ZOQL promises none). */
    static List<ImportRecord> importRecords(Element queryResponse) {
        Element result = child(queryResponse, "result");
        List<ImportRecord> found = new ArrayList<>();
        for (Element record : result == null ? List.<Element>of() : children(result, "records")) {
            ImportStatus status = new ImportStatus(childText(record, "Id"), childText(record, "Status"),
                    childText(record, "StatusReason"), number(childText(record, "TotalCount")),
                    number(childText(record, "ImportedCount")), childText(record, "ResultResourceUrl"));
            found.add(new ImportRecord(status, childText(record, "Name"), childText(record, "Md5"),
                    childText(record, "CreatedDate")));
        }
        return found;
    }

    /** False when Zuora holds more records than it answered (queryMore() would page on). */
    static boolean queryDone(Element queryResponse) {
        Element result = child(queryResponse, "result");
        String done = result == null ? null : childText(result, "done");
        return done == null || !"false".equals(done.trim());
    }

    static String text(Element element) {
        return StaxUtils.toString(element);
    }

    private static Long number(String text) {
        try {
            return text == null || text.isBlank() ? null : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Child elements by local name: Zuora's prefixes (ns1, ns2 ...) are not fixed. */
    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static String childText(Element parent, String localName) {
        Element child = child(parent, localName);
        if (child == null || "true".equals(child.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance",
                "nil"))) {
            return null;
        }
        return child.getTextContent();
    }
}

package io.usagebridge.targets.zuora.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.binding.soap.SoapHeader;
import org.w3c.dom.Element;

import io.usagebridge.ExchangeKeys;

/**
 * Turns the next {@link ZuoraSoapRequest} into what the CXF endpoint sends, on every (re)delivery: the operation
 * element, a SessionHeader with the session valid now, the ServerUrl as address and, for create(), the file as a
 * MIME attachment the FileContent's {@code xop:Include} points at. Headers left by earlier steps are cleared
 * first, so none of them reaches Zuora; {@link #clear} clears CXF's after the call, so none reaches the next
 * producer (an HTTP download must not send CXF's {@code Content-Type: text/xml}).
 */
final class ZuoraSoapCallBuilder {

    private final ZuoraSoapSession session;

    ZuoraSoapCallBuilder(ZuoraSoapSession session) {
        this.session = session;
    }

    void prepare(Exchange exchange) {
        ZuoraSoapRequest request = exchange.getProperty(ExchangeKeys.SOAP_REQUEST, ZuoraSoapRequest.class);
        if (request == null) {
            throw new IllegalStateException("no " + ExchangeKeys.SOAP_REQUEST + " set before direct:zuora-soap-call");
        }
        // nothing of an earlier step or attempt goes along, not even its HTTP status (a stale 503 would make a
        // request that may have arrived look retryable)
        removeAll(exchange);
        ZuoraSoapSession.Login login = session.current(exchange.getContext());
        exchange.setProperty(ZuoraSoapFaults.SESSION_USED, login.session());
        Element operation;
        if (request instanceof ZuoraSoapRequest.CreateImport create) {
            String contentId = contentId(exchange);
            exchange.getIn(AttachmentMessage.class).addAttachment(contentId,
                    new DataHandler(new ImportFileSource(create.file(), create.contentType())));
            operation = ZuoraSoapMessages.createImport(create, contentId);
        } else {
            operation = ZuoraSoapMessages.query(((ZuoraSoapRequest.Query) request).zoql());
        }
        List<SoapHeader> headers = new ArrayList<>();
        headers.add(new SoapHeader(ZuoraSoapMessages.SESSION_HEADER, ZuoraSoapMessages.sessionHeader(login.session())));
        Message message = exchange.getIn();
        message.setBody(new CxfPayload<>(headers, new ArrayList<>(List.of(operation))));
        message.setHeader(CxfConstants.OPERATION_NAME, request.operation());
        message.setHeader(CxfConstants.OPERATION_NAMESPACE, ZuoraSoapMessages.API_NS);
        message.setHeader(CxfConstants.DESTINATION_OVERRIDE_URL, login.serverUrl());
    }

    /** After the call: removes every header and attachment, keeping the HTTP status of the answer for the ledger. */
    static void clear(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        removeAll(exchange);
        if (status != null) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        }
    }

    private static void removeAll(Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        if (message instanceof AttachmentMessage attachments && attachments.hasAttachments()) {
            attachments.setAttachmentObjects(new LinkedHashMap<>());
        }
    }

    /** The MIME part's Content-ID: one per delivery, an addr-spec as RFC 2392 wants. */
    private static String contentId(Exchange exchange) {
        Long deliveryId = exchange.getProperty(ExchangeKeys.DELIVERY_ID, Long.class);
        return "import-" + (deliveryId == null ? exchange.getExchangeId() : deliveryId) + "@usagebridge.io";
    }

    /** The import file, streamed from disk, with the Content-Type (and so the file name) Zuora reads. */
    private record ImportFileSource(Path file, String contentType) implements DataSource {

        @Override
        public InputStream getInputStream() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public OutputStream getOutputStream() {
            throw new UnsupportedOperationException("an import file is read only");
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getName() {
            return file.getFileName().toString();
        }
    }
}

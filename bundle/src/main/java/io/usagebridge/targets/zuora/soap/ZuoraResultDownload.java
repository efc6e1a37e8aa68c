package io.usagebridge.targets.zuora.soap;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;

/**
 * The GET of an Import's result file (ResultResourceUrl). Zuora's file downloads take the SOAP session as
 * {@code Authorization: ZSession <session>}; the URL comes from Zuora's answer, so it passes the target's
 * allow-list first (else URL_NOT_ALLOWED, nothing sent), and the session goes only with it. Every other header is
 * cleared, so nothing the SOAP call left (CXF's Content-Type, SOAPAction) reaches the download.
 */
final class ZuoraResultDownload implements Processor {

    private final ZuoraSoapSession session;

    ZuoraResultDownload(ZuoraSoapSession session) {
        this.session = session;
    }

    @Override
    public void process(Exchange exchange) {
        String url = exchange.getProperty(ExchangeKeys.RESULT_URL, String.class);
        session.allowList().check(url, "the Import's ResultResourceUrl");
        ZuoraSoapSession.Login login = session.current(exchange.getContext());
        exchange.setProperty(ZuoraSoapFaults.SESSION_USED, login.session());
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setBody(null);
        message.setHeader(Exchange.HTTP_URI, url);
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader("Authorization", "ZSession " + login.session());
    }
}

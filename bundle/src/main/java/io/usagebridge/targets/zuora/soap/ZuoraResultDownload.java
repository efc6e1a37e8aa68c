package io.usagebridge.targets.zuora.soap;

import java.net.URI;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;

/**
 * The GET of an Import's result file (ResultResourceUrl). Zuora's file downloads take the SOAP session as
 * {@code Authorization: ZSession <session>}; it is sent only to the host the session came from. Every other
 * header is cleared, so nothing the SOAP call left (CXF's Content-Type, SOAPAction) reaches the download.
 */
final class ZuoraResultDownload implements Processor {

    private final ZuoraSoapSession session;

    ZuoraResultDownload(ZuoraSoapSession session) {
        this.session = session;
    }

    @Override
    public void process(Exchange exchange) {
        String url = exchange.getProperty(ExchangeKeys.RESULT_URL, String.class);
        ZuoraSoapSession.Login login = session.current(exchange.getContext());
        exchange.setProperty(ZuoraSoapFaults.SESSION_USED, login.session());
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setBody(null);
        message.setHeader(Exchange.HTTP_URI, url);
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        String host = URI.create(url).getHost();
        if (host != null && (host.equalsIgnoreCase(URI.create(login.serverUrl()).getHost())
                || host.equalsIgnoreCase(URI.create(session.loginUrl()).getHost()))) {
            message.setHeader("Authorization", "ZSession " + login.session());
        }
    }
}

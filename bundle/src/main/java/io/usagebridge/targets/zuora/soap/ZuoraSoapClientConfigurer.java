package io.usagebridge.targets.zuora.soap;

import org.apache.camel.component.cxf.jaxws.CxfConfigurer;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.frontend.AbstractWSDLBasedEndpointFactory;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;

/**
 * The Zuora SOAP client's HTTP settings: connect and answer timeouts (an upload of 4 MB and Zuora's synchronous
 * checks take a while), and no automatic retry in the client: retries are the error handler's, counted in the
 * ledger. The body is streamed (chunked), so a file is never held whole in memory. Answers are capped at
 * {@code http.max-reply-bytes} ({@link CappedSoapAnswers}), and so are the XML parser's text and attachment
 * limits; DTDs stay refused (CXF's default, never turned on here).
 */
public final class ZuoraSoapClientConfigurer implements CxfConfigurer {

    private final long connectTimeoutMs;
    private final long receiveTimeoutMs;
    private final long maxReplyBytes;

    public ZuoraSoapClientConfigurer(long connectTimeoutMs, long receiveTimeoutMs, long maxReplyBytes) {
        this.connectTimeoutMs = connectTimeoutMs;
        this.receiveTimeoutMs = receiveTimeoutMs;
        this.maxReplyBytes = maxReplyBytes;
    }

    @Override
    public void configure(AbstractWSDLBasedEndpointFactory factoryBean) {
        // nothing to change on the factory
    }

    @Override
    public void configureClient(Client client) {
        if (client.getConduit() instanceof HTTPConduit conduit) {
            HTTPClientPolicy policy = conduit.getClient() == null ? new HTTPClientPolicy() : conduit.getClient();
            policy.setConnectionTimeout(connectTimeoutMs);
            policy.setReceiveTimeout(receiveTimeoutMs);
            policy.setAllowChunking(true);
            policy.setMaxRetransmits(0);
            policy.setAutoRedirect(false);
            conduit.setClient(policy);
        }
        CappedSoapAnswers capped = new CappedSoapAnswers(maxReplyBytes);
        client.getInInterceptors().add(capped);
        client.getInFaultInterceptors().add(capped);
        // the parser's own limits, in case a stream reaches it some other way: no text, no attachment longer
        String cap = String.valueOf(maxReplyBytes);
        client.getEndpoint().put("org.apache.cxf.stax.maxTextLength", cap);
        client.getEndpoint().put("org.apache.cxf.stax.maxXMLCharacters", cap);
        client.getEndpoint().put("attachment-max-size", cap);
    }

    @Override
    public void configureServer(Server server) {
        // a client only
    }
}

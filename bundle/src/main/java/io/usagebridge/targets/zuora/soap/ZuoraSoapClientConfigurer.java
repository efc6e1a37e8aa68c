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
 * ledger. The body is streamed (chunked), so a file is never held whole in memory.
 */
public final class ZuoraSoapClientConfigurer implements CxfConfigurer {

    private final long connectTimeoutMs;
    private final long receiveTimeoutMs;

    public ZuoraSoapClientConfigurer(long connectTimeoutMs, long receiveTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
        this.receiveTimeoutMs = receiveTimeoutMs;
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
    }

    @Override
    public void configureServer(Server server) {
        // a client only
    }
}

package io.usagebridge.targets.zuora.soap;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.binding.soap.SoapHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.security.TargetTrust;
import io.usagebridge.security.UrlAllowList;

/**
 * One Zuora API user's SOAP session: login() once, then every call carries the session in its SessionHeader and
 * goes to the ServerUrl login() answered, once the target's allow-list took it (else URL_NOT_ALLOWED: no session
 * kept, nothing sent there). Dropped when Zuora answers INVALID_SESSION, so the next call logs in again. The
 * password is sent only in login() and is never logged.
 */
public final class ZuoraSoapSession {

    private static final Logger LOG = LoggerFactory.getLogger(ZuoraSoapSession.class);

    /** A live session and where to send the calls made with it. */
    public record Login(String session, String serverUrl) {
        @Override
        public String toString() {
            return "Login[serverUrl=" + serverUrl + "]";
        }
    }

    private final String target;
    private final String loginUrl;
    private final String username;
    private final String password;
    private final UrlAllowList allowList;
    private Login current;

    public ZuoraSoapSession(String target, String loginUrl, String username, String password,
                            UrlAllowList allowList) {
        this.target = target;
        this.allowList = allowList;
        this.loginUrl = loginUrl;
        this.username = username;
        this.password = password;
    }

    /** The current session, logging in first when there is none. */
    public synchronized Login current(CamelContext context) {
        if (current == null) {
            current = login(context);
        }
        return current;
    }

    /** After INVALID_SESSION: forget {@code session}, unless another call already replaced it. */
    public synchronized void invalidate(String session) {
        if (current != null && current.session().equals(session)) {
            LOG.info("{}: Zuora SOAP session dropped; the next call logs in again", target);
            current = null;
        }
    }

    public String loginUrl() {
        return loginUrl;
    }

    /** Where this target's session may be sent. */
    public UrlAllowList allowList() {
        return allowList;
    }

    private Login login(CamelContext context) {
        if (username == null || username.isBlank() || password == null || password.isBlank()) {
            throw new UsageBridgeFailure(ZuoraSoapFailureCode.ZUORA_LOGIN_FAILED,
                    "target." + target + ": the Zuora user "
                    + "name or password is not set");
        }
        ProducerTemplate producer = context.createProducerTemplate();
        try {
            Exchange reply = producer.send(ZuoraSoapRoutes.CXF_ENDPOINT + "&" + TargetTrust.option(target), exchange -> {
                exchange.getMessage().setHeader(CxfConstants.OPERATION_NAME, "login");
                exchange.getMessage().setHeader(CxfConstants.OPERATION_NAMESPACE, ZuoraSoapMessages.API_NS);
                exchange.getMessage().setHeader(CxfConstants.DESTINATION_OVERRIDE_URL, loginUrl);
                exchange.getMessage().setBody(new CxfPayload<SoapHeader>(new ArrayList<>(),
                        new ArrayList<>(List.of(ZuoraSoapMessages.login(username, password)))));
            });
            if (reply.getException() != null) {
                Throwable thrown = reply.getException();
                UsageBridgeFailure failure = ZuoraSoapFaults.loginFailure(thrown,
                        reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class), loginUrl);
                if (failure != null) {
                    throw failure;
                }
                throw thrown instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("login() failed: " + thrown.getMessage(), thrown);
            }
            ZuoraSoapReplies.LoginResult result = ZuoraSoapReplies.login(
                    ZuoraSoapReplies.responseElement(reply, "loginResponse"));
            // Zuora names the server this tenant's calls go to; without one, stay where login() was
            String serverUrl = result.serverUrl() == null || result.serverUrl().isBlank() ? loginUrl
                    : result.serverUrl().trim();
            // the session and every usage file would follow it: checked before either leaves
            allowList.check(serverUrl, "the ServerUrl login() answered");
            LOG.info("{}: logged in to Zuora SOAP as {} (calls go to {})", target, username, serverUrl);
            return new Login(result.session(), serverUrl);
        } finally {
            try {
                producer.stop();
            } catch (Exception e) {
                LOG.debug("closing the login producer", e);
            }
        }
    }

    @Override
    public String toString() {
        return "ZuoraSoapSession[target=" + target + ", user=" + username + "]";
    }
}

package io.usagebridge.targets.zuora.soap;

import java.time.Duration;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;

/**
 * The query() of a lookup ({@link ZuoraImportLookup}), from the caller's exchange properties: the Name and Md5 the
 * uncertain create() sent, and its start less the clock skew allowed between us and Zuora.
 */
public final class ZuoraImportLookupRequest implements Processor {

    private final Duration clockSkew;

    public ZuoraImportLookupRequest(Duration clockSkew) {
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException(ZuoraImportLookup.CLOCK_SKEW_SETTING + " must not be negative");
        }
        this.clockSkew = clockSkew;
    }

    @Override
    public void process(Exchange exchange) {
        required(exchange, ExchangeKeys.TARGET, String.class);
        String name = required(exchange, ZuoraImportLookup.NAME, String.class);
        String md5 = required(exchange, ZuoraImportLookup.MD5, String.class);
        Instant since = required(exchange, ZuoraImportLookup.SINCE, Instant.class);
        exchange.setProperty(ExchangeKeys.SOAP_REQUEST,
                new ZuoraSoapRequest.FindImport(name, md5, since.minus(clockSkew)));
    }

    private static <T> T required(Exchange exchange, String property, Class<T> type) {
        Object value = exchange.getProperty(property);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("a Zuora Import lookup needs the exchange property " + property
                    + " as a " + type.getName() + ", not " + (value == null ? "nothing" : value.getClass().getName()));
        }
        return type.cast(value);
    }
}

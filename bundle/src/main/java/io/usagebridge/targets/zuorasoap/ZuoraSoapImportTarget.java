package io.usagebridge.targets.zuorasoap;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.csv.CsvContract;
import io.usagebridge.targets.TargetType;
import io.usagebridge.targets.zuora.ZuoraUsageContract;

/**
 * Zuora's mass usage import over SOAP: create() of an Import object with the file as an MTOM attachment, then
 * query() until the Import is Completed or Failed. create() has no idempotency key, so a send cut short by a
 * crash or a timeout is UNCERTAIN and never resent on its own.
 */
public final class ZuoraSoapImportTarget implements TargetType {

    public static final String TYPE = "zuora-soap-import";

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public CsvContract contract(TargetConfig config) {
        return ZuoraUsageContract.of(config);
    }

    @Override
    public boolean dedupsResends() {
        return false;
    }

    @Override
    public void validate(TargetConfig config) {
        for (String key : new String[] {"username", "password"}) {
            if (config.settings().get(key).isEmpty()) {
                throw new IllegalStateException("target." + config.id() + "." + key + " is not set: a Zuora SOAP "
                        + "import target logs in with an API user (give the password by reference, e.g. "
                        + "{{env:ZUORA_SOAP_PASSWORD}})");
            }
        }
    }
}

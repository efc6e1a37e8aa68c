package io.usagebridge.targets.zuora.soap;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.csv.CsvContract;
import io.usagebridge.plugin.TargetType;
import io.usagebridge.targets.zuora.ZuoraUsageContract;

/**
 * Zuora's mass usage import over SOAP: create() of an Import object with the file as an MTOM attachment, then
 * query() until the Import is Completed or Failed. create() has no idempotency key, so a send cut short by a
 * crash or a timeout is UNCERTAIN, never resent on its own: the Import is looked up by Name and Md5.
 */
public final class ZuoraSoapImportTarget implements TargetType {

    public static final String TYPE = "zuora-soap-import";

    /**
     * Hosts besides the login URL's that Zuora may send the session to (target.&lt;id&gt;.allowed-hosts replaces
     * it): login() at www.zuora.com answers a ServerUrl on the tenant's own Zuora host (na., eu., apisandbox.,
     * ...), and result files are served from Zuora too; https on 443.
     */
    public static final java.util.List<String> DEFAULT_ALLOWED_HOSTS = java.util.List.of("*.zuora.com");

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

    /** Zips, and splits on rows, to fit Zuora's 4194304-byte import limit. */
    @Override
    public String chunkerBean() {
        return "zuoraImportChunker";
    }

    /** An Import can be found by its Name and Md5: an uncertain create() is looked up before anyone is asked. */
    @Override
    public boolean looksUpUncertain() {
        return true;
    }

    @Override
    public void validate(TargetConfig config) {
        ZuoraUsageContract.of(config); // refuses a unique-key-columns naming no usage column
        for (String key : new String[] {"username", "password"}) {
            if (config.settings().get(key).isEmpty()) {
                throw new IllegalStateException("target." + config.id() + "." + key + " is not set: a Zuora SOAP "
                        + "import target logs in with an API user (give the password by reference, e.g. "
                        + "{{env:ZUORA_SOAP_PASSWORD}})");
            }
        }
    }
}

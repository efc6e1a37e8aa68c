package io.usagebridge.targets.zuora.soap;

import io.usagebridge.failure.FailureCode;

/**
 * The stable error codes of the Zuora SOAP import target (see {@link FailureCode}); never renamed once released.
 */
public enum ZuoraSoapFailureCode implements FailureCode {
    ZUORA_LOGIN_FAILED(false, "Zuora refused the SOAP login(): check the user name and password"),
    ZUORA_LOGIN_REPLY_UNREADABLE(true, "login()'s answer was over http.max-reply-bytes or not XML UsageBridge reads "
            + "(a DOCTYPE, malformed): nothing was sent; tried again"),
    ZUORA_SESSION_INVALID(true, "Zuora answered INVALID_SESSION; UsageBridge logs in again and retries the call once"),
    ZUORA_SOAP_FAULT(false, "Zuora answered a SOAP fault (its FaultCode and message are in the reply)"),
    ZUORA_IMPORT_NO_FILE_NAME(false, "Zuora: Cannot detect the file name from your Content-Type"),
    ZUORA_IMPORT_MD5_MISMATCH(false, "Zuora: File MD5 verification error"),
    ZUORA_IMPORT_TOO_LARGE(false, "Zuora: The import file exceeds the maximum file size of 4194304 bytes"),
    ZUORA_IMPORT_ZIP_HAS_DIRECTORY(false, "Zuora: The zip file cannot contain a directory"),
    ZUORA_IMPORT_REJECTED(false, "Zuora's create() refused the Import for another reason (its Errors are in the reply)");

    private final boolean retryable;
    private final boolean mayHaveArrived;
    private final String meaning;

    ZuoraSoapFailureCode(boolean retryable, String meaning) {
        this(retryable, false, meaning);
    }

    ZuoraSoapFailureCode(boolean retryable, boolean mayHaveArrived, String meaning) {
        this.retryable = retryable;
        this.mayHaveArrived = mayHaveArrived;
        this.meaning = meaning;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }

    @Override
    public boolean mayHaveArrived() {
        return mayHaveArrived;
    }

    @Override
    public String meaning() {
        return meaning;
    }
}

package io.usagebridge.targets.zuorasoap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.usagebridge.failure.FailureCode;
import io.usagebridge.sandbox.zuorasoap.ZuoraSoapSimulator;

/** Seed 000's four create() messages, word for word as the simulator sends them, each to its stable code. */
class ZuoraSoapErrorCodesTest {

    @Test
    void seedMessagesMapToStableCodes() {
        assertEquals(FailureCode.ZUORA_IMPORT_NO_FILE_NAME, ZuoraCreateReader.codeOf(ZuoraSoapSimulator.NO_FILE_NAME));
        assertEquals(FailureCode.ZUORA_IMPORT_MD5_MISMATCH, ZuoraCreateReader.codeOf(ZuoraSoapSimulator.MD5_MISMATCH));
        assertEquals(FailureCode.ZUORA_IMPORT_TOO_LARGE, ZuoraCreateReader.codeOf(ZuoraSoapSimulator.FILE_TOO_LARGE));
        assertEquals(FailureCode.ZUORA_IMPORT_ZIP_HAS_DIRECTORY,
                ZuoraCreateReader.codeOf(ZuoraSoapSimulator.ZIP_WITH_DIRECTORY));
    }

    @Test
    void theTextAfterThePrefixDecides() {
        assertEquals(FailureCode.ZUORA_IMPORT_MD5_MISMATCH, ZuoraCreateReader.codeOf("File MD5 verification error."));
        assertEquals(FailureCode.ZUORA_IMPORT_MD5_MISMATCH,
                ZuoraCreateReader.codeOf("validation exception:   File MD5 verification error."));
    }

    @Test
    void anyOtherMessageIsAGeneralRejection() {
        assertEquals(FailureCode.ZUORA_IMPORT_REJECTED, ZuoraCreateReader.codeOf(ZuoraSoapSimulator.FILE_NAME_TOO_LONG));
        assertEquals(FailureCode.ZUORA_IMPORT_REJECTED, ZuoraCreateReader.codeOf(null));
    }
}

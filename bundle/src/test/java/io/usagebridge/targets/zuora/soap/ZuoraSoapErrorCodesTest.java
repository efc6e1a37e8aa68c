package io.usagebridge.targets.zuora.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.usagebridge.failure.FailureCode;
import io.usagebridge.sandbox.zuorasoap.ZuoraSoapSimulator;

/** Seed 000's four create() messages, word for word as the simulator sends them, each to its stable code. */
class ZuoraSoapErrorCodesTest {

    @Test
    void seedMessagesMapToStableCodes() {
        assertEquals(ZuoraSoapFailureCode.ZUORA_IMPORT_NO_FILE_NAME,
                ZuoraCreateReader.codeOf(ZuoraSoapSimulator.NO_FILE_NAME));
        assertEquals(ZuoraSoapFailureCode.ZUORA_IMPORT_MD5_MISMATCH,
                ZuoraCreateReader.codeOf(ZuoraSoapSimulator.MD5_MISMATCH));
        assertEquals(ZuoraSoapFailureCode.ZUORA_IMPORT_TOO_LARGE,
                ZuoraCreateReader.codeOf(ZuoraSoapSimulator.FILE_TOO_LARGE));
        assertEquals(ZuoraSoapFailureCode.ZUORA_IMPORT_ZIP_HAS_DIRECTORY,
                ZuoraCreateReader.codeOf(ZuoraSoapSimulator.ZIP_WITH_DIRECTORY));
    }

    @Test
    void theTextAfterThePrefixDecides() {
        assertEquals(ZuoraSoapFailureCode.ZUORA_IMPORT_MD5_MISMATCH,
                ZuoraCreateReader.codeOf("File MD5 verification error."));
        assertEquals(ZuoraSoapFailureCode.ZUORA_IMPORT_MD5_MISMATCH,
                ZuoraCreateReader.codeOf("validation exception:   File MD5 verification error."));
    }

    @Test
    void anyOtherMessageIsAGeneralRejection() {
        assertEquals(ZuoraSoapFailureCode.ZUORA_IMPORT_REJECTED,
                ZuoraCreateReader.codeOf(ZuoraSoapSimulator.FILE_NAME_TOO_LONG));
        assertEquals(ZuoraSoapFailureCode.ZUORA_IMPORT_REJECTED, ZuoraCreateReader.codeOf(null));
    }
}

package io.usagebridge.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A mail from a webhook body: the facts one per line, totals beside their counts, a name kept to one line. */
class AlertMailTextTest {

    @Test
    void rowsRejectedNamesTheFileAndTargetAndTheRowsOfTheTargetsTotal() {
        AlertMail mail = new AlertMailText().of("{\"id\": 7, \"kind\": \"rows-rejected\", \"time\": \"2026-12-03T09:"
                + "14:07Z\", \"file\": {\"id\": 42, \"name\": \"zuora.csv\", \"state\": \"DONE\"}, \"delivery\": "
                + "{\"id\": 17, \"target\": \"zuora-soap\", \"chunk\": 1, \"chunks\": 2, \"state\": \"ACCEPTED\", "
                + "\"errorCode\": null, \"rejectedRows\": 3, \"remoteRows\": 10}, \"consoleUrl\": "
                + "\"https://ub.example.com/console/#file-42\"}");
        assertEquals("[UsageBridge] rows rejected: zuora.csv to zuora-soap", mail.subject());
        assertTrue(mail.body().contains("\nRows rejected: 3 of 10\n"), mail.body());
        assertTrue(mail.body().contains("\nChunk: 1 of 2\n"), mail.body());
        assertTrue(mail.body().contains("\nConsole: https://ub.example.com/console/#file-42\n"), mail.body());
        assertFalse(mail.body().contains("Delivery error"), "a null value is left out: " + mail.body());
    }

    @Test
    void aNameWithALineBreakStaysOnOneLineOfTheSubjectAndBody() {
        AlertMail mail = new AlertMailText().of("{\"id\": 1, \"kind\": \"file-failed\", \"time\": \"t\", \"file\": "
                + "{\"id\": 2, \"name\": \"a.csv\\r\\nBcc: x@example.com\"}}");
        assertEquals("[UsageBridge] file failed: a.csv  Bcc: x@example.com", mail.subject());
        assertFalse(mail.body().contains("\nBcc:"), mail.body());
    }
}

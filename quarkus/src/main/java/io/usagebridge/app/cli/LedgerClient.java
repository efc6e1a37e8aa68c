package io.usagebridge.app.cli;

import java.util.List;

/** Where a command reads and records: the running app's API, or the ledger itself when no app runs. */
interface LedgerClient {

    /** One line per uncertain delivery. */
    List<String> uncertain() throws Exception;

    /** Records a resolution; the line that says what was done. */
    String resolve(long delivery, String as, String by, String note) throws Exception;
}

package io.usagebridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one large file's time goes in UsageBridge, from the app's state lines for it: drop to RECEIVED (the read
 * lock, the copy to the work folder and the fingerprint), RECEIVED to the first chunk's CLAIMED (reading the rows,
 * checking and shaping them, cutting the chunks), the first CLAIMED to the last chunk's ACCEPTED (the sends), and on
 * to DONE. Milliseconds; -1 where a line is missing.
 */
record BigFileTimeline(double dropToReceivedMs, double receivedToFirstClaimMs, double sendingMs,
        double lastAcceptedToDoneMs) {


    static BigFileTimeline read(Path log, String fileName, long dropEpochMillis) throws IOException {
        Pattern line = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}) .*\\) "
                + Pattern.quote(fileName) + "(?: -> \\S+(?: chunk \\S+)? delivery \\d+)?: (RECEIVED|CLAIMED|ACCEPTED|DONE)\\b");
        long received = -1;
        long firstClaim = -1;
        long lastAccepted = -1;
        long done = -1;
        for (String text : Files.readAllLines(log)) {
            Matcher m = line.matcher(text);
            if (!m.find()) {
                continue;
            }
            long at = AppLogTime.epochMillis(m.group(1));
            switch (m.group(2)) {
                case "RECEIVED" -> received = received < 0 ? at : received;
                case "CLAIMED" -> firstClaim = firstClaim < 0 ? at : firstClaim;
                case "ACCEPTED" -> lastAccepted = Math.max(lastAccepted, at);
                default -> done = at;
            }
        }
        return new BigFileTimeline(between(dropEpochMillis, received), between(received, firstClaim),
                between(firstClaim, lastAccepted), between(lastAccepted, done));
    }

    private static double between(long from, long to) {
        return from < 0 || to < 0 ? -1 : to - from;
    }
}

package io.usagebridge.alerts.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.alerts.AlertPayloads;
import io.usagebridge.alerts.ledger.AlertKind;
import io.usagebridge.alerts.ledger.AlertLedger;
import io.usagebridge.metrics.UsageBridgeMetrics;

/**
 * Raises a file-missed alert when a schedule's latest period closed (its deadline passed on the clock) and no file
 * like its pattern was received from its source in that period's window, whatever became of the file. Once per
 * schedule and window however many instances scan (the subject names the deadline); a window that closed longer
 * than the look-back ago raises nothing (the first start of a new install). A file that comes late does not take
 * the alert back: it counts for the next window.
 */
public final class MissedFileScanner implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(MissedFileScanner.class);

    private final AlertLedger alerts;
    private final List<FileSchedule> schedules;
    private final AlertPayloads payloads;
    private final UsageBridgeMetrics metrics;
    private final Duration lookBack;
    private final Clock clock;

    public MissedFileScanner(AlertLedger alerts, List<FileSchedule> schedules, AlertPayloads payloads,
                             UsageBridgeMetrics metrics, Duration lookBack, Clock clock) {
        this.alerts = alerts;
        this.schedules = List.copyOf(schedules);
        this.payloads = payloads;
        this.metrics = metrics;
        this.lookBack = lookBack;
        this.clock = clock;
        // every schedule's counter exists from the start: its first miss is an increase Prometheus sees
        this.schedules.forEach(s -> metrics.filesMissed(s.name(), 0));
    }

    @Override
    public void process(Exchange exchange) {
        scan();
    }

    /** One scan; returns how many alerts this instance raised. */
    public int scan() {
        Instant now = clock.instant();
        int raised = 0;
        for (FileSchedule schedule : schedules) {
            ScheduleWindow window = schedule.lastClosedWindow(now);
            if (window.deadline().isBefore(now.minus(lookBack))
                    || alerts.arrived(schedule.source(), schedule.nameLike(), window.start(), window.deadline())) {
                continue;
            }
            String subject = "schedule:" + schedule.name() + ":" + window.deadline();
            OptionalLong id = alerts.raise(AlertKind.FILE_MISSED, subject, null, null,
                    alertId -> payloads.missedBody(alertId, now, facts(schedule, window)));
            if (id.isPresent()) {
                raised++;
                metrics.filesMissed(schedule.name(), 1);
                LOG.warn("alert {} raised: file-missed, schedule {}: no file like {} from {} between {} and {}",
                        id.getAsLong(), schedule.name(), schedule.pattern(),
                        schedule.source() == null ? "any intake" : schedule.source(), window.start(),
                        window.deadline());
            }
        }
        return raised;
    }

    private static Map<String, String> facts(FileSchedule schedule, ScheduleWindow window) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("name", schedule.name());
        facts.put("source", schedule.source() == null ? "any intake" : schedule.source());
        facts.put("pattern", schedule.pattern());
        facts.put("every", schedule.daily() ? "daily" : schedule.weekday().name().toLowerCase(Locale.ROOT));
        facts.put("expectedBy", window.expectedBy().toString());
        facts.put("deadline", window.deadline().toString());
        facts.put("windowStart", window.start().toString());
        return facts;
    }
}

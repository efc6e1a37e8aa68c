package io.usagebridge.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * What the console and the CLI read: source files found by state, target, time, name or hash; one file's deliveries
 * and attempts; counts per target and state; files per hour by outcome. Read-only, the same SQL on H2 and PostgreSQL.
 */
public class Journeys extends LedgerSql {

    /** The order a file's state at a target is read in: the first state any of its chunks is in names it. */
    private static final List<DeliveryState> ATTENTION_FIRST = List.of(DeliveryState.UNCERTAIN, DeliveryState.FAILED,
            DeliveryState.REJECTED, DeliveryState.STOPPED, DeliveryState.PARKED, DeliveryState.POLLING,
            DeliveryState.SENT, DeliveryState.SENDING, DeliveryState.CLAIMED, DeliveryState.WAITING_BATCH,
            DeliveryState.PLANNED, DeliveryState.ACCEPTED);

    /**
     * A file taken in again (a replay) counts once, as its latest intake; a later DUPLICATE (the same bytes dropped
     * after they were delivered) does not hide the intake that delivered them.
     */
    private static final String LATEST_INTAKE = "not exists (select 1 from source_file l where l.sha256 = s.sha256 "
            + "and l.id > s.id and l.state <> 'DUPLICATE')";

    public Journeys(DataSource dataSource, LedgerInstance instance, Clock clock) {
        super(dataSource, instance, clock);
        jdbi.registerRowMapper(ConstructorMapper.factory(ActionRow.class));
    }

    /** Source files matching {@code search}, newest first. */
    public List<SourceRow> find(SourceSearch search) {
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> args = new ArrayList<>();
        if (search.state() != null) {
            where.append(" and state = ?");
            args.add(search.state());
        }
        if (search.target() != null) {
            where.append(" and id in (select source_id from delivery where target = ?)");
            args.add(search.target());
        }
        if (search.from() != null) {
            where.append(" and received_at >= ?");
            args.add(Timestamp.from(search.from()));
        }
        if (search.to() != null) {
            where.append(" and received_at < ?");
            args.add(Timestamp.from(search.to()));
        }
        if (search.name() != null && !search.name().isBlank()) {
            where.append(" and lower(name) like ? escape '!'");
            args.add("%" + LedgerPatterns.escape(search.name().toLowerCase(Locale.ROOT)) + "%");
        }
        if (search.hash() != null && !search.hash().isBlank()) {
            String hex = search.hash().trim().toLowerCase(Locale.ROOT);
            if (!hex.matches("[0-9a-f]{1,64}")) {
                return List.of();
            }
            where.append(" and (sha256 like ? or md5 like ?)");
            args.add(hex + "%");
            args.add(hex + "%");
        }
        return inTransaction(h -> query(h, SOURCE_SELECT + " where " + where + " order by id desc fetch first "
                + search.limit() + " rows only", args.toArray()).mapTo(SourceRow.class).list());
    }

    public Optional<SourceRow> source(long id) {
        return inTransaction(h -> sourceById(h, id));
    }

    /** Each listed file's state per target, in one query. */
    public Map<Long, List<TargetStates>> targetStates(List<Long> sourceIds) {
        Map<Long, Map<String, Map<DeliveryState, Integer>>> counts = new LinkedHashMap<>();
        if (sourceIds.isEmpty()) {
            return Map.of();
        }
        String in = String.join(",", sourceIds.stream().map(id -> "?").toList());
        inTransaction(h -> {
            query(h, "select source_id, target, state, count(*) as n from delivery where source_id in (" + in
                    + ") group by source_id, target, state order by source_id, target", sourceIds.toArray())
                    .map((rs, ctx) -> {
                        counts.computeIfAbsent(rs.getLong("source_id"), k -> new LinkedHashMap<>())
                                .computeIfAbsent(rs.getString("target"), k -> new EnumMap<>(DeliveryState.class))
                                .put(DeliveryState.valueOf(rs.getString("state")), rs.getInt("n"));
                        return 0;
                    }).list();
            return null;
        });
        Map<Long, List<TargetStates>> result = new LinkedHashMap<>();
        counts.forEach((source, targets) -> {
            List<TargetStates> states = new ArrayList<>();
            targets.forEach((target, byState) -> states.add(new TargetStates(target, headline(byState),
                    byState.values().stream().mapToInt(Integer::intValue).sum(), Map.copyOf(byState))));
            result.put(source, List.copyOf(states));
        });
        return result;
    }

    /**
     * For each listed file taken in again later (a replay, a second drop of the same bytes), the first later intake:
     * the deliveries not accepted went on there.
     */
    public Map<Long, Long> laterIntakes(List<Long> sourceIds) {
        if (sourceIds.isEmpty()) {
            return Map.of();
        }
        String in = String.join(",", sourceIds.stream().map(id -> "?").toList());
        Map<Long, Long> later = new LinkedHashMap<>();
        inTransaction(h -> query(h, "select s.id, min(l.id) as later from source_file s join source_file l on "
                + "l.sha256 = s.sha256 and l.id > s.id where s.id in (" + in + ") group by s.id",
                sourceIds.toArray()).map((rs, ctx) -> later.put(rs.getLong("id"), rs.getLong("later"))).list());
        return later;
    }

    static DeliveryState headline(Map<DeliveryState, Integer> byState) {
        return ATTENTION_FIRST.stream().filter(byState::containsKey).findFirst().orElse(DeliveryState.PLANNED);
    }

    public List<DeliveryRow> deliveriesOf(long sourceId) {
        return inTransaction(h -> deliveries(h, "source_id = ?", sourceId));
    }

    public Optional<DeliveryRow> delivery(long id) {
        return inTransaction(h -> deliveryById(h, id));
    }

    public List<AttemptRow> attemptsOf(long deliveryId) {
        return inTransaction(h -> query(h, "select * from delivery_attempt where delivery_id = ? order by attempt_no",
                deliveryId).mapTo(AttemptRow.class).list());
    }

    /** Actions on one file, on any of its deliveries, or on an earlier intake of its bytes (a replay), oldest first. */
    public List<ActionRow> actionsOnSource(long sourceId) {
        return inTransaction(h -> query(h, "select * from ledger_action where source_id in (select e.id from "
                + "source_file e join source_file s on s.sha256 = e.sha256 where s.id = ? and e.id <= s.id) "
                + "order by id", sourceId).mapTo(ActionRow.class).list());
    }

    /** The latest actions, newest first. */
    public List<ActionRow> recentActions(int limit) {
        int capped = Math.max(1, Math.min(limit, SourceSearch.MAX_LIMIT));
        return inTransaction(h -> query(h, "select * from ledger_action order by id desc fetch first " + capped
                + " rows only").mapTo(ActionRow.class).list());
    }

    /**
     * Deliveries per target and state, and files per state, of the files received in [from, to); a file replayed
     * counts as its latest intake.
     */
    public List<StateCount> counts(Instant from, Instant to) {
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        return inTransaction(h -> {
            List<StateCount> counts = new ArrayList<>(query(h, "select null as target, state, count(*) as count "
                    + "from source_file s where received_at >= ? and received_at < ? and " + LATEST_INTAKE
                    + " group by state order by state",
                    start, end).map((rs, ctx) -> new StateCount(null, rs.getString("state"), rs.getLong("count")))
                    .list());
            counts.addAll(query(h, "select d.target, d.state, count(*) as count from delivery d join source_file s "
                    + "on s.id = d.source_id where s.received_at >= ? and s.received_at < ? "
                    + "group by d.target, d.state order by d.target, d.state", start, end)
                    .map((rs, ctx) -> new StateCount(rs.getString("target"), rs.getString("state"),
                            rs.getLong("count"))).list());
            return counts;
        });
    }

    /**
     * Files received per hour over the {@code hours} hours up to now, by their state now (DONE, FAILED or
     * DUPLICATE counted as failed or other, waiting ones as waiting); every hour is listed, empty ones too.
     */
    public List<HourlyOutcomes> perHour(int hours) {
        int span = Math.max(1, Math.min(hours, 24 * 31));
        Instant end = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS).plusSeconds(3600);
        Instant start = end.minusSeconds(3600L * span);
        long[][] buckets = new long[span][4];
        inTransaction(h -> {
            // grouped in the database by state only; the hour of each row is taken in Java (no portable date_trunc)
            query(h, "select received_at, state from source_file s where received_at >= ? and received_at < ? and "
                    + LATEST_INTAKE,
                    Timestamp.from(start), Timestamp.from(end)).map((rs, ctx) -> {
                        Instant at = rs.getTimestamp("received_at").toInstant();
                        int hour = (int) ((at.getEpochSecond() - start.getEpochSecond()) / 3600);
                        if (hour >= 0 && hour < span) {
                            buckets[hour][bucket(SourceState.valueOf(rs.getString("state")))]++;
                        }
                        return 0;
                    }).forEach(x -> { });
            return null;
        });
        List<HourlyOutcomes> result = new ArrayList<>(span);
        for (int i = 0; i < span; i++) {
            result.add(new HourlyOutcomes(start.plusSeconds(3600L * i), buckets[i][0], buckets[i][1], buckets[i][2],
                    buckets[i][3]));
        }
        return result;
    }

    private static int bucket(SourceState state) {
        return switch (state) {
            case DONE, DONE_WITH_REJECTS -> 0;
            case FAILED, UNCERTAIN -> 1;
            case RECEIVED, INTERRUPTED, PENDING -> 2;
            case DUPLICATE -> 3;
        };
    }
}

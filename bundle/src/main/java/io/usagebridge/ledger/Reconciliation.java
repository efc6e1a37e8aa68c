package io.usagebridge.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The daily reconciliation per target, from the ledger: what each target was given from the files taken in on a
 * day (UTC) and what became of every row. Each delivery counts once, with the intake that holds it now. Read-only,
 * the same SQL on H2 and PostgreSQL.
 */
public class Reconciliation extends LedgerSql {

    private static final String ROWS = "coalesce(d.chunk_rows, 0)";
    private static final String REFUSED_IN_JOB = "coalesce(d.remote_failed, 0)";

    public Reconciliation(DataSource dataSource, LedgerInstance instance, Clock clock) {
        super(dataSource, instance, clock);
        jdbi.registerRowMapper(ConstructorMapper.factory(ReconciliationLine.class));
    }

    /** One line per target that was given rows from the files received on {@code day}. */
    public List<ReconciliationLine> day(LocalDate day) {
        Timestamp from = Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
        Timestamp to = Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        return inTransaction(h -> query(h, "select d.target as target, count(distinct d.source_id) as files, "
                + "count(*) as deliveries, "
                + "sum(case when d.attempts > 0 then " + ROWS + " else 0 end) as rows_sent, "
                + "sum(case when d.state = 'ACCEPTED' then " + ROWS + " - " + REFUSED_IN_JOB + " else 0 end) "
                + "as rows_accepted, "
                + "sum(case when d.state = 'ACCEPTED' then " + REFUSED_IN_JOB + " when d.state = 'REJECTED' then "
                + ROWS + " else 0 end) as rows_rejected, "
                + "sum(case when d.state in ('FAILED', 'STOPPED') then " + ROWS + " else 0 end) as rows_failed, "
                + "sum(case when d.state not in ('ACCEPTED', 'REJECTED', 'FAILED', 'STOPPED') then " + ROWS
                + " else 0 end) as rows_pending, "
                + "sum(case when d.state = 'UNCERTAIN' then 1 else 0 end) as deliveries_uncertain "
                + "from delivery d join source_file s on s.id = d.source_id "
                + "where s.received_at >= ? and s.received_at < ? group by d.target order by d.target", from, to)
                .mapTo(ReconciliationLine.class).list());
    }
}

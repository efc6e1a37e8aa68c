package io.usagebridge.ledger;

import javax.sql.DataSource;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The ledger's Jdbi: rows become their records by column name (snake_case columns to camelCase components, so a
 * column added or reordered by a migration cannot shift a value into the wrong field).
 */
public final class LedgerJdbi {

    private LedgerJdbi() {
    }

    public static Jdbi on(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.registerRowMapper(ConstructorMapper.factory(SourceRow.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(DeliveryRow.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(AttemptRow.class));
        return jdbi;
    }
}

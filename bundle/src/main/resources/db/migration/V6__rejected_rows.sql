-- Rows a target refused, counted from its per-row results, and the <file>.rejected.csv beside the original that
-- holds them as they were in the source (null: none, or the target gave no per-row results).
alter table source_file add column rows_rejected bigint;
alter table source_file add column rejected_path varchar(1000);

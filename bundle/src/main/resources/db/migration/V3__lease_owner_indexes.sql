-- The heartbeat renews, and a takeover ends, every lease of one instance by its token: without these indexes each
-- renewal (every 15 s) reads every delivery and source the ledger ever held, and a ledger slows as it ages.
create index delivery_claimed_by on delivery (claimed_by);
create index source_file_lease_owner on source_file (lease_owner);

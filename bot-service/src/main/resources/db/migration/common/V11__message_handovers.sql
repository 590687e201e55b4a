-- A campaign batch is marked handed over to its provider with one row, not one update per message: the messages
-- of a slice carry the slice's id, and the row appears right before the provider sees them. The retry sweep
-- leaves a queued message of a handed-over slice alone (its outcome is the provider's to report).
alter table messages add column handover_batch uuid;

create table message_handovers (
    batch_id       uuid primary key,
    handed_over_at timestamp with time zone not null
);

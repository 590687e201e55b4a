-- Claims walk the recipients that are due, in the order they come due (H2 has no partial indexes; PostgreSQL's
-- V9 indexes only the PENDING and DEFERRED rows). Every PENDING and DEFERRED row carries next_attempt_at.
update campaign_recipients set next_attempt_at = updated_at
 where state in ('PENDING', 'DEFERRED') and next_attempt_at is null;
create index campaign_recipients_due on campaign_recipients (campaign_id, wave, state, next_attempt_at);

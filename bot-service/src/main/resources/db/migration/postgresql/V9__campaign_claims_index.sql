-- Claims walk the recipients that are due, in the order they come due: only the PENDING and DEFERRED rows are in
-- this index, so a claim no longer filters its way past the recipients already sent (a linear scan per batch).
-- Every PENDING and DEFERRED row carries next_attempt_at (materialised with the time it was written).
update campaign_recipients set next_attempt_at = updated_at
 where state in ('PENDING', 'DEFERRED') and next_attempt_at is null;
create index campaign_recipients_due on campaign_recipients (campaign_id, wave, next_attempt_at)
 where state in ('PENDING', 'DEFERRED');

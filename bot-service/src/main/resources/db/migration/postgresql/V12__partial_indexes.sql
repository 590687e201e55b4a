-- PostgreSQL only (H2 has no partial indexes and keeps V3–V8's; the next migration common to both is V13).
-- Every campaign message costs index upkeep in each of these tables, and an update that changes an indexed
-- column writes a new entry in every index of the table. Indexes that serve only some rows now hold only those
-- rows (README, Campaigns, Speed). Queries that need them name the rows with literals (a prepared statement's
-- generic plan cannot match a partial index through a parameter).

-- campaign recipients: the claim and the outcome each rewrote four indexes
-- (the claim token is read back by the claim itself on H2 only; PostgreSQL claims with RETURNING)
drop index campaign_recipients_by_claim;
-- the recipients with work ahead (completion, abandoned claims), not the million already sent
drop index campaign_recipients_by_state;
create index campaign_recipients_open on campaign_recipients (campaign_id, wave, state, lease_until)
 where state in ('PENDING', 'SENDING', 'DEFERRED');
-- reply attribution looks up the recipients a message went out to
drop index campaign_recipients_by_customer;
create index campaign_recipients_by_customer on campaign_recipients (customer_id, sent_at)
 where sent_at is not null;

-- messages: the sweepers read only queued outbound and unannounced inbound messages
drop index messages_by_status;
create index messages_queued on messages (next_attempt_at, id)
 where status = 'QUEUED' and direction = 'OUTBOUND';
create index messages_unannounced on messages (created_at, id)
 where status = 'RECEIVED' and direction = 'INBOUND' and announced_at is null;
-- a message has a provider id only once its provider answered
drop index messages_by_provider_id;
create unique index messages_by_provider_id on messages (provider, provider_message_id)
 where provider_message_id is not null;

-- the contact log: only holds have a planned time
drop index contact_log_by_decision_plan;
create index contact_log_holds on contact_log (planned_at) where decision = 'HELD';

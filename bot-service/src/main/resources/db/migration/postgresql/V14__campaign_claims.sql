-- PostgreSQL only (H2 claims by marking each recipient SENDING; the next migration common to both is V15).
-- A dispatcher's claim on a batch of recipients is one row here, not a write to each recipient: the recipient
-- rows are written once, with their outcome, in the transaction that deletes the claim. A claim whose lease ran
-- out (its dispatcher stopped) names the recipients to reconcile. Claims of a wave are taken one at a time
-- (under the campaign row's lock), so two never name the same recipient.
create table campaign_claims (
    token        uuid                     primary key,
    campaign_id  uuid                     not null,
    wave         integer                  not null,
    customer_ids uuid[]                   not null,
    lease_until  timestamp with time zone not null,
    claimed_at   timestamp with time zone not null
);
create index campaign_claims_by_wave on campaign_claims (campaign_id, wave, lease_until);

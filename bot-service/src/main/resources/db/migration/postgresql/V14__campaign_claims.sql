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

-- Recipients an earlier version marked SENDING (a batch in flight when the service was stopped to upgrade) become
-- claims like any other, so their lease runs out and they are reconciled with the messages stored.
insert into campaign_claims (token, campaign_id, wave, customer_ids, lease_until, claimed_at)
select claim_token, campaign_id, wave, array_agg(customer_id), coalesce(max(lease_until), now()), now()
  from campaign_recipients where state = 'SENDING' and claim_token is not null
 group by claim_token, campaign_id, wave;
update campaign_recipients set state = 'PENDING', claim_token = null, lease_until = null where state = 'SENDING';

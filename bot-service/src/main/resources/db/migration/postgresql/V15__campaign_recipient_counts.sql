-- PostgreSQL only (H2 counts a wave's recipients when asked; the next migration common to both is V16).
-- A wave's recipients per state and reason, kept as they move: every statement that writes recipients' states
-- adds its changes here in the same transaction, so a campaign's progress reads a few rows however large its
-- audience. reason '' stands for none.
create table campaign_recipient_counts (
    campaign_id uuid        not null,
    wave        integer     not null,
    state       varchar(16) not null,
    reason      varchar(64) not null,
    n           bigint      not null,
    primary key (campaign_id, wave, state, reason)
);
insert into campaign_recipient_counts (campaign_id, wave, state, reason, n)
select campaign_id, wave, state, coalesce(reason, ''), count(*)
  from campaign_recipients group by campaign_id, wave, state, coalesce(reason, '');

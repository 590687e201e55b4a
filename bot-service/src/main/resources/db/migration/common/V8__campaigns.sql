-- Campaigns: a chosen audience, a template (or weighted variants), a schedule and a throttle.
-- The definition is kept as the API took it (audience and variants as JSON text), beside the columns the
-- dispatcher and the lists filter on.
create table campaigns (
    id               uuid primary key,
    name             varchar(200)  not null,
    kind             varchar(24)   not null, -- HOLIDAY_GREETING, PROMOTION, REVISIT
    priority         integer       not null,
    definition       varchar(1000000) not null, -- the checked definition as JSON (audience, variants, schedule, …)
    status           varchar(16)   not null, -- DRAFT, SCHEDULED, RUNNING, PAUSED, COMPLETED, CANCELLED
    wave             integer       not null default 1, -- the wave being sent
    start_at         timestamp with time zone, -- when a SCHEDULED campaign starts
    rate_per_second  integer       not null,
    created_by       varchar(64)   not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    started_at       timestamp with time zone,
    finished_at      timestamp with time zone
);
create index campaigns_by_status on campaigns (status, start_at);
create index campaigns_by_creation on campaigns (created_at desc, id);

-- The branches a campaign is for; none means every branch (only an ADMIN creates such a campaign). STAFF and
-- MANAGER users see a campaign whose branches are all theirs.
create table campaign_branches (
    campaign_id uuid        not null,
    branch_code varchar(32) not null,
    primary key (campaign_id, branch_code)
);

-- One row per customer per wave, written in one INSERT … SELECT when the wave starts; the primary key is
-- what keeps a customer from being a recipient of one wave twice. SENDING is a claim: a dispatcher took the
-- row (claim_token) until lease_until; the API counts it as PENDING. A recipient's message id is derived from
-- (campaign, wave, customer) before the send, so it needs no column: a restart finds the message by it.
create table campaign_recipients (
    campaign_id     uuid         not null,
    wave            integer      not null,
    customer_id     uuid         not null,
    state           varchar(16)  not null, -- PENDING, SENDING, SENT, DELIVERED, FAILED, SUPPRESSED, DEFERRED, HELD_OUT
    variant         varchar(140),          -- templateId/variantId the recipient got
    reason          varchar(64),           -- the policy's decision for SUPPRESSED/DEFERRED, or why it could not be sent
    rule_id         varchar(64),
    next_attempt_at timestamp with time zone, -- a DEFERRED (or paused) recipient is claimed again from then
    claim_token     uuid,
    lease_until     timestamp with time zone,
    attempts        integer      not null default 0,
    sent_at         timestamp with time zone, -- when its message went out
    replied_at      timestamp with time zone, -- the first reply attributed to its message
    reply_id        uuid,                     -- that reply (a message id)
    updated_at      timestamp with time zone not null,
    primary key (campaign_id, wave, customer_id)
);
-- the dispatcher's claim: the next claimable rows of one campaign
create index campaign_recipients_by_state on campaign_recipients (campaign_id, state, next_attempt_at);
create index campaign_recipients_by_claim on campaign_recipients (claim_token);
-- reply attribution: a customer's last campaign message
create index campaign_recipients_by_customer on campaign_recipients (customer_id, sent_at);

-- The contact log: every decision of the contact policy, allowed or not, with the rule that made it.
-- Counter recovery rebuilds the caps from the allowed, unreleased rows of the longest window.
-- No foreign key to customers: the log belongs to the contact policy, and keeps what happened.
create table contact_log (
    id                uuid primary key,
    customer_id       uuid         not null,
    channel           varchar(16)  not null,
    category          varchar(24)  not null,
    campaign_id       varchar(64),
    campaign_wave     integer,
    campaign_priority integer,
    template_id       varchar(100),
    provider          varchar(64),
    signature         varchar(100),
    decision          varchar(32)  not null, -- ALLOWED, FREQUENCY_CAP, OPTED_OUT, …, PAUSED
    rule_id           varchar(64),
    next_allowed_at   timestamp with time zone,
    note              varchar(500),
    recorded_by       varchar(64)  not null, -- a staff username, or "system"
    recorded_at       timestamp with time zone not null,
    released_at       timestamp with time zone -- set when an allowed contact was released (the provider rejected it)
);
-- a customer's log, newest first
create index contact_log_by_customer on contact_log (customer_id, recorded_at desc, id desc);
-- recovery: allowed since T (released rows are filtered from the few the window holds)
create index contact_log_by_decision_time on contact_log (decision, recorded_at);

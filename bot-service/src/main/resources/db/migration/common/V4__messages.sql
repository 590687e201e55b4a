-- Every message to or from a customer, on every channel, with its status history.
-- No foreign key to customers: a message from an unknown sender is kept too (customer_id null),
-- and the record of what was sent stays whatever happens to the registry.
create table messages (
    id                  uuid primary key,
    customer_id         uuid,
    direction           varchar(8)   not null, -- OUTBOUND, INBOUND
    channel             varchar(16)  not null, -- SMS, WHATSAPP, WEBCHAT
    provider            varchar(32)  not null, -- simulator, twilio, …
    provider_message_id varchar(64),           -- the provider's id (Twilio MessageSid), once known
    address             varchar(100) not null, -- the customer's side: E.164, or the chat token
    template_id         varchar(100),
    variant_id          varchar(32),
    text                varchar(4000) not null,
    encoding            varchar(8),
    segments            integer,
    cost                decimal(12, 4),
    currency            varchar(3),
    status              varchar(16)  not null, -- QUEUED, SENT, DELIVERED, UNDELIVERED, FAILED, RECEIVED
    error_code          varchar(64),
    contact_log_id      uuid,                  -- the allowed contact, released if the provider rejects
    campaign_id         varchar(64),
    sent_by             varchar(64),
    send_attempts       integer      not null default 0,
    next_attempt_at     timestamp with time zone, -- a queued outbound message is tried again from then
    announced_at        timestamp with time zone, -- an inbound message was announced (MessageReceived)
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null
);
-- a provider reports the same message twice: handled once
create unique index messages_by_provider_id on messages (provider, provider_message_id);
-- a customer's thread, oldest first
create index messages_by_customer on messages (customer_id, created_at, id);
-- the sweepers: inbound not yet announced, outbound still queued
create index messages_by_status on messages (status, direction, created_at);

-- Every status a message went through, in the order reported; one row per status (a repeat is ignored).
create table message_status_history (
    message_id  uuid        not null,
    status      varchar(16) not null,
    error_code  varchar(64),
    reported_at timestamp with time zone not null,
    recorded_at timestamp with time zone not null,
    primary key (message_id, status)
);

-- The simulated gateway's phones (embedded default): what each phone received and what its owner replied.
create table simulated_phone_messages (
    id        uuid primary key,
    phone     varchar(20)  not null,
    direction varchar(8)   not null, -- OUTBOUND (to the phone), INBOUND (a reply from it)
    text      varchar(4000) not null,
    at        timestamp with time zone not null
);
create index simulated_phone_messages_by_phone on simulated_phone_messages (phone, at, id);

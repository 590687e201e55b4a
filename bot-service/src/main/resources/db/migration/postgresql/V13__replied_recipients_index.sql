-- PostgreSQL only (H2 keeps counting replies from the recipients it scans; the next migration common to both is V14).
-- A campaign's progress counts the recipients who replied on every poll: read from the replies alone rather than
-- from every recipient of the campaign. Sending never writes here (a recipient enters when it replies).
create index campaign_recipients_replied on campaign_recipients (campaign_id) where replied_at is not null;

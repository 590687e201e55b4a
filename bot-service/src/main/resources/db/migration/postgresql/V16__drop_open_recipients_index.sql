-- PostgreSQL only (the next migration common to both is V17).
-- Since V14 and V15 nothing on PostgreSQL reads recipients through campaign_recipients_open: claims are rows of
-- campaign_claims (abandoned ones are found there) and the open recipients are counted in
-- campaign_recipient_counts. The index still took an entry for every recipient a campaign materialised (about a
-- fifth of the time of writing a million recipients). H2 keeps its own indexes.
drop index if exists campaign_recipients_open;

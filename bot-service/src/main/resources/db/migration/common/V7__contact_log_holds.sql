-- Holds in the contact log: a scheduled campaign wave reserving a customer's slot is logged as decision HELD,
-- with the planned time of the wave's send, so that recovery can rebuild the holds that still stand.
-- Every release says why: REJECTED (the provider rejected an allowed message), and for a hold CANCELLED (the
-- wave was cancelled), USED (the wave's send used it), DISPLACED (a higher-priority campaign took the slot)
-- or LAPSED (unused past its grace).
alter table contact_log add column planned_at timestamp with time zone;
alter table contact_log add column release_reason varchar(16);
update contact_log set release_reason = 'REJECTED' where released_at is not null;
-- recovery and the lapse sweep: holds by planned time
create index contact_log_by_decision_plan on contact_log (decision, planned_at);

-- Holds ahead: a scheduled campaign wave holds its recipients' slots in the contact policy at its planned
-- start, once that start comes within the policy's hold horizon. One row per campaign wave records that its
-- holds were placed (so they are placed once, across restarts and instances) and released when the wave ended.
-- PLACING is a claim: one instance (placer) places them until lease_until; a claim whose lease ran out is
-- taken up again (placing a hold twice is refused by the policy's wave cap, so it changes nothing).
create table campaign_holds (
    campaign_id  uuid        not null,
    wave         integer     not null,
    planned_at   timestamp with time zone not null, -- the start the holds were placed for (the holds' planned time)
    state        varchar(16) not null, -- PLACING, PLACED, RELEASED
    placer       uuid,
    lease_until  timestamp with time zone,
    held         bigint      not null default 0, -- holds placed
    updated_at   timestamp with time zone not null,
    primary key (campaign_id, wave)
);
create index campaign_holds_by_state on campaign_holds (state);

-- Visits booked at a branch. A customer holds at most one standing booking: standing_for carries the customer's
-- id while the booking is BOOKED and is null otherwise, and a unique index allows one non-null value per
-- customer (both H2 and PostgreSQL let any number of nulls through a unique index).
create table bookings (
    id            uuid                     primary key,
    customer_id   uuid                     not null,
    branch_code   varchar(32)              not null,
    visit_date    date                     not null,
    visit_time    time,
    part_of_day   varchar(16),
    status        varchar(16)              not null,
    standing_for  uuid,
    campaign_id   uuid,
    note          varchar(500),
    outcome       varchar(200),
    converted     boolean                  not null default false,
    created_by    varchar(64)              not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    checked_in_at timestamp with time zone,
    checked_in_by varchar(64)
);
create unique index bookings_standing on bookings (standing_for);
create index bookings_by_branch_day on bookings (branch_code, visit_date);
create index bookings_by_customer on bookings (customer_id, visit_date);

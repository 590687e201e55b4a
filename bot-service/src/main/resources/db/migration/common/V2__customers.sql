-- The customer registry. A customer is known by phone, and by ID number when one is stored.
-- ID numbers are kept only encrypted (AES-GCM), with a keyed hash for look-up and a masked form for display.
create table customers (
    id               uuid primary key,
    phone            varchar(20) unique, -- E.164; null only while a batch moves phones between customers
    name             varchar(100),
    id_number_cipher varchar(200),
    id_number_hash   varchar(64) unique,
    id_number_masked varchar(18),
    address          varchar(500),
    village          varchar(200),
    branch_code      varchar(32)  not null,
    tags             varchar(2000) not null default '', -- ';'-separated, in the order first seen
    consent          boolean not null default false,
    opted_out        boolean not null default false,
    opted_out_at     timestamp with time zone,
    source           varchar(100),
    collector        varchar(100),
    collected_on     date,
    complete         boolean not null,
    last_import_id   uuid,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create index customers_by_branch on customers (branch_code, id);
create index customers_by_last_import on customers (last_import_id);

-- One lead-sheet upload and its report.
create table lead_imports (
    id          uuid primary key,
    file_name   varchar(300) not null,
    format      varchar(20)  not null,
    imported_by varchar(64)  not null,
    started_at  timestamp with time zone not null,
    finished_at timestamp with time zone,
    imported    integer,
    updated     integer,
    incomplete  integer,
    rejected    integer
);

create table lead_import_rejections (
    import_id   uuid not null,
    row_number  integer not null,
    column_name varchar(40) not null,
    reason      varchar(300) not null,
    primary key (import_id, row_number)
);

-- Which sheet and row (or which staff edit) set which values of a customer.
create table customer_provenance (
    customer_id uuid not null,
    import_id   uuid,
    row_number  integer,
    changed_by  varchar(64) not null,
    fields      varchar(300) not null,
    recorded_at timestamp with time zone not null
);
create index customer_provenance_by_customer on customer_provenance (customer_id, recorded_at);

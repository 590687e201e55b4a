-- Staff who sign in: STAFF (one branch), MANAGER (several), ADMIN (everything).
create table staff_users (
    username      varchar(64)  primary key,
    password_hash varchar(200) not null,
    role          varchar(16)  not null,
    branches      varchar(1000) not null default '',
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null
);

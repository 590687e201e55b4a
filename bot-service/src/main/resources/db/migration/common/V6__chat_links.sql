-- Web chat links: a customer opens /chat/<token> from a link we sent them. The token is the credential, so
-- only its SHA-256 is kept: a copy of this table does not open anybody's chat. A customer may hold several
-- links (each SMS carries a fresh one); every one ends at its expiry or when staff revoke it.
create table chat_links (
    id          uuid primary key,
    customer_id uuid        not null,
    token_hash  varchar(64) not null, -- hex SHA-256 of the token
    created_by  varchar(64) not null, -- a staff username, or system (a template asked for a link)
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone,  -- null: until revoked
    revoked_at  timestamp with time zone,
    revoked_by  varchar(64)
);
create unique index chat_links_by_token on chat_links (token_hash);
create index chat_links_by_customer on chat_links (customer_id, created_at);

package io.baifang.channels.webchat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.baifang.channels.ChatLink;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The {@code chat_links} table (migration V6). Links are found by the hash of their token, never the token. */
@Repository
class ChatLinkStore {

    private static final String SELECT = "select id, customer_id, created_by, created_at, expires_at, revoked_at "
            + "from chat_links ";

    private final DatabaseClient db;

    ChatLinkStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(ChatLink link, String tokenHash) {
        GenericExecuteSpec insert = db.sql("insert into chat_links (id, customer_id, token_hash, created_by, "
                        + "created_at, expires_at) "
                        + "values (:id, :customerId, :tokenHash, :createdBy, :createdAt, :expiresAt)")
                .bind("id", link.id())
                .bind("customerId", link.customerId())
                .bind("tokenHash", tokenHash)
                .bind("createdBy", link.createdBy())
                .bind("createdAt", offset(link.createdAt()));
        insert = link.expiresAt() == null
                ? insert.bindNull("expiresAt", OffsetDateTime.class)
                : insert.bind("expiresAt", offset(link.expiresAt()));
        return insert.then();
    }

    Mono<ChatLink> findByTokenHash(String tokenHash) {
        return db.sql(SELECT + "where token_hash = :hash").bind("hash", tokenHash).map(ChatLinkStore::linkOf).one();
    }

    Mono<ChatLink> findById(UUID id) {
        return db.sql(SELECT + "where id = :id").bind("id", id).map(ChatLinkStore::linkOf).one();
    }

    /** The newest link not revoked and not expired at {@code now}. */
    Mono<ChatLink> newestActiveOf(UUID customerId, Instant now) {
        return db.sql(SELECT + "where customer_id = :customer and revoked_at is null "
                        + "and (expires_at is null or expires_at > :now) order by created_at desc, id desc limit 1")
                .bind("customer", customerId)
                .bind("now", offset(now))
                .map(ChatLinkStore::linkOf)
                .one();
    }

    /** Revokes every link of the customer still open; how many were. */
    Mono<Long> revokeAllOf(UUID customerId, String revokedBy, Instant at) {
        return db.sql("update chat_links set revoked_at = :at, revoked_by = :by "
                        + "where customer_id = :customer and revoked_at is null")
                .bind("at", offset(at))
                .bind("by", revokedBy)
                .bind("customer", customerId)
                .fetch()
                .rowsUpdated();
    }

    private static ChatLink linkOf(Readable row) {
        return new ChatLink(row.get("id", UUID.class), row.get("customer_id", UUID.class), null,
                row.get("created_by", String.class), instant(row.get("created_at", OffsetDateTime.class)),
                instant(row.get("expires_at", OffsetDateTime.class)),
                instant(row.get("revoked_at", OffsetDateTime.class)));
    }

    private static OffsetDateTime offset(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}

package io.baifang.customers;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.baifang.shared.MultiRowStatements;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The customer registry's table. Writes for a batch of rows go out as multi-row statements; every call joins
 * the surrounding reactive transaction.
 */
@Repository
class CustomerStore {

    static final String COLUMNS = "id, phone, name, id_number_cipher, id_number_hash, id_number_masked, address, "
            + "village, branch_code, tags, consent, opted_out, opted_out_at, source, collector, collected_on, complete, "
            + "last_import_id, created_at, updated_at";

    private static final List<MultiRowStatements.Column> TABLE = List.of(
            column("id", UUID.class), column("phone", String.class), column("name", String.class),
            column("id_number_cipher", String.class), column("id_number_hash", String.class),
            column("id_number_masked", String.class), column("address", String.class), column("village", String.class),
            column("branch_code", String.class), column("tags", String.class), column("consent", Boolean.class),
            column("opted_out", Boolean.class), column("opted_out_at", OffsetDateTime.class),
            column("source", String.class), column("collector", String.class), column("collected_on", LocalDate.class),
            column("complete", Boolean.class), column("last_import_id", UUID.class),
            column("created_at", OffsetDateTime.class), column("updated_at", OffsetDateTime.class));

    /** An arbitrary, fixed key for PostgreSQL's advisory lock that serialises imports ("百访" in hex-ish). */
    private static final long IMPORT_LOCK = 0x62616966616E67L;

    private final DatabaseClient db;

    CustomerStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * For the rest of the current transaction, plan every statement with its indexes. An import looks up
     * each batch's phones and ID numbers with IN lists of up to a thousand values; on a table PostgreSQL has
     * not analysed yet (a first import into an empty registry) it picks a sequential scan for those, and
     * repeats it for every batch over a growing table: minutes instead of seconds for 100,000 rows. Every
     * statement an import runs is a keyed look-up or a write, so a sequential scan is never its right plan.
     */
    Mono<Void> planWithIndexesForThisTransaction() {
        if (!MultiRowStatements.onPostgres(db)) {
            return Mono.empty();
        }
        return db.sql("set local enable_seqscan = off").then();
    }

    /**
     * Makes imports on every service instance wait for each other until this transaction ends: two sheets
     * naming the same phone at once would otherwise both see it as new, and one would fail on the unique
     * index. (Within one instance {@link LeadSheetImporter} already queues them; H2 runs in one instance.)
     */
    Mono<Void> waitForOtherImportsInThisTransaction() {
        if (!MultiRowStatements.onPostgres(db)) {
            return Mono.empty();
        }
        return db.sql("select pg_advisory_xact_lock(" + IMPORT_LOCK + ")").then();
    }

    Mono<CustomerRecord> findById(UUID id) {
        return db.sql("select " + COLUMNS + " from customers where id = :id")
                .bind("id", id)
                .map(CustomerStore::read)
                .one();
    }

    Mono<CustomerRecord> findByPhone(String phone) {
        return db.sql("select " + COLUMNS + " from customers where phone = :phone")
                .bind("phone", phone)
                .map(CustomerStore::read)
                .one();
    }

    Mono<CustomerRecord> findByIdNumberHash(String hash) {
        return db.sql("select " + COLUMNS + " from customers where id_number_hash = :hash")
                .bind("hash", hash)
                .map(CustomerStore::read)
                .one();
    }

    /** The customers known by any of these phones or ID-number hashes. */
    Flux<CustomerRecord> findByPhonesOrIdNumberHashes(Collection<String> phones, Collection<String> hashes) {
        // a union of two index look-ups: with "or" across the two columns PostgreSQL scans the whole table
        if (MultiRowStatements.onPostgres(db)) {
            // two array parameters instead of a thousand scalars: r2dbc-postgresql encodes each bound value reactively
            return db.sql("select " + COLUMNS + " from customers where phone = any(:phones) union "
                            + "select " + COLUMNS + " from customers where id_number_hash = any(:hashes)")
                    .bind("phones", phones.toArray(String[]::new))
                    .bind("hashes", hashes.toArray(String[]::new))
                    .map(CustomerStore::read)
                    .all();
        }
        // "in ()" is not SQL: an impossible value stands in for an empty list
        return db.sql("select " + COLUMNS + " from customers where phone in (:phones) union "
                        + "select " + COLUMNS + " from customers where id_number_hash in (:hashes)")
                .bind("phones", phones.isEmpty() ? List.of("-") : phones)
                .bind("hashes", hashes.isEmpty() ? List.of("-") : hashes)
                .map(CustomerStore::read)
                .all();
    }

    Flux<CustomerRecord> findByIds(Collection<UUID> ids) {
        return db.sql("select " + COLUMNS + " from customers where " + MultiRowStatements.anyOf(db, "id", "ids"))
                .bind("ids", MultiRowStatements.keys(db, ids, UUID.class))
                .map(CustomerStore::read)
                .all();
    }

    /** Streams the rows: the driver fetches as the subscriber asks, nothing is collected here. */
    Flux<CustomerRecord> streamMatching(AudienceConditions audience) {
        return db.sql("select " + COLUMNS + " from customers where " + audience.where() + " order by id")
                .bindValues(audience.parameters())
                .map(CustomerStore::read)
                .all();
    }

    Flux<CustomerRecord> findPage(CustomerQuery query, int page, int size) {
        return db.sql("select " + COLUMNS + " from customers where " + query.where()
                        + " order by created_at desc, id limit " + size + " offset " + ((long) page * size))
                .bindValues(query.parameters())
                .map(CustomerStore::read)
                .all();
    }

    Mono<Long> count(CustomerQuery query) {
        return db.sql("select count(*) from customers where " + query.where())
                .bindValues(query.parameters())
                .map(row -> row.get(0, Long.class))
                .one();
    }

    Mono<Long> countIncompleteTouchedBy(UUID importId) {
        return db.sql("select count(*) from customers where last_import_id = :importId and complete = false")
                .bind("importId", importId)
                .map(row -> row.get(0, Long.class))
                .one();
    }

    /**
     * Clears the phones of customers about to take another one, so that phones moving between customers
     * in one batch never collide on the unique index while the batch is written.
     */
    Mono<Void> releasePhones(Collection<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("update customers set phone = null where id in (:ids)")
                .bind("ids", customerIds)
                .then();
    }

    Mono<Void> insertAll(List<CustomerRecord> customers) {
        return MultiRowStatements.insert(db, "customers", TABLE, customers, CustomerStore::values);
    }

    Mono<Void> updateAll(List<CustomerRecord> customers) {
        return MultiRowStatements.updateByKey(db, "customers", TABLE, customers, CustomerStore::values);
    }

    Mono<Void> update(CustomerRecord customer) {
        return updateAll(List.of(customer));
    }

    private static Object[] values(CustomerRecord c) {
        return new Object[] {c.id(), c.phone(), c.name(), c.idNumberCipher(), c.idNumberHash(), c.idNumberMasked(),
                c.address(), c.village(), c.branch(), CustomerRecord.tagsToColumn(c.tags()), c.consent(), c.optedOut(),
                c.optedOutAt(), c.source(), c.collector(), c.collectedOn(), c.complete(), c.lastImportId(),
                c.createdAt(), c.updatedAt()};
    }

    static MultiRowStatements.Column column(String name, Class<?> type) {
        return new MultiRowStatements.Column(name, type);
    }

    static CustomerRecord read(Readable row) {
        return new CustomerRecord(
                row.get("id", UUID.class),
                row.get("phone", String.class),
                row.get("name", String.class),
                row.get("id_number_cipher", String.class),
                row.get("id_number_hash", String.class),
                row.get("id_number_masked", String.class),
                row.get("address", String.class),
                row.get("village", String.class),
                row.get("branch_code", String.class),
                CustomerRecord.tagsFromColumn(row.get("tags", String.class)),
                Boolean.TRUE.equals(row.get("consent", Boolean.class)),
                Boolean.TRUE.equals(row.get("opted_out", Boolean.class)),
                row.get("opted_out_at", OffsetDateTime.class),
                row.get("source", String.class),
                row.get("collector", String.class),
                row.get("collected_on", LocalDate.class),
                row.get("last_import_id", UUID.class),
                row.get("created_at", OffsetDateTime.class),
                row.get("updated_at", OffsetDateTime.class));
    }
}

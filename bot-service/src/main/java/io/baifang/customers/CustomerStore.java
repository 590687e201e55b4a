package io.baifang.customers;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The customer registry's table. Writes for a batch of rows go out as one R2DBC batch statement (one round
 * trip); every call joins the surrounding reactive transaction.
 */
@Repository
class CustomerStore {

    static final String COLUMNS = "id, phone, name, id_number_cipher, id_number_hash, id_number_masked, address, "
            + "village, branch_code, tags, consent, opted_out, opted_out_at, source, collector, collected_on, complete, "
            + "last_import_id, created_at, updated_at";

    private static final String INSERT = "insert into customers (" + COLUMNS + ") values "
            + "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)";
    private static final String UPDATE = "update customers set phone = $2, name = $3, id_number_cipher = $4, "
            + "id_number_hash = $5, id_number_masked = $6, address = $7, village = $8, branch_code = $9, tags = $10, "
            + "consent = $11, opted_out = $12, opted_out_at = $13, source = $14, collector = $15, collected_on = $16, "
            + "complete = $17, last_import_id = $18, created_at = $19, updated_at = $20 where id = $1";

    private final DatabaseClient db;

    CustomerStore(DatabaseClient db) {
        this.db = db;
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
        // "in ()" is not SQL: an impossible value stands in for an empty list
        return db.sql("select " + COLUMNS + " from customers where phone in (:phones) or id_number_hash in (:hashes)")
                .bind("phones", phones.isEmpty() ? List.of("-") : phones)
                .bind("hashes", hashes.isEmpty() ? List.of("-") : hashes)
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
        return batch(INSERT, customers);
    }

    Mono<Void> updateAll(List<CustomerRecord> customers) {
        return batch(UPDATE, customers);
    }

    Mono<Void> update(CustomerRecord customer) {
        return batch(UPDATE, List.of(customer));
    }

    private Mono<Void> batch(String sql, List<CustomerRecord> customers) {
        if (customers.isEmpty()) {
            return Mono.empty();
        }
        return executeBatch(sql, customers, CustomerStore::bindAll);
    }

    <T> Mono<Void> executeBatch(String sql, List<T> items, Binder<T> binder) {
        if (items.isEmpty()) {
            return Mono.empty();
        }
        Function<Connection, Flux<Long>> run = connection -> {
            Statement statement = connection.createStatement(sql);
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    statement.add();
                }
                binder.bind(statement, items.get(i));
            }
            return Flux.from(statement.execute()).flatMap(Result::getRowsUpdated);
        };
        return db.inConnectionMany(run).then();
    }

    @FunctionalInterface
    interface Binder<T> {
        void bind(Statement statement, T item);
    }

    private static void bindAll(Statement statement, CustomerRecord c) {
        statement.bind(0, c.id());
        bindNullable(statement, 1, c.phone(), String.class);
        bindNullable(statement, 2, c.name(), String.class);
        bindNullable(statement, 3, c.idNumberCipher(), String.class);
        bindNullable(statement, 4, c.idNumberHash(), String.class);
        bindNullable(statement, 5, c.idNumberMasked(), String.class);
        bindNullable(statement, 6, c.address(), String.class);
        bindNullable(statement, 7, c.village(), String.class);
        statement.bind(8, c.branch());
        statement.bind(9, CustomerRecord.tagsToColumn(c.tags()));
        statement.bind(10, c.consent());
        statement.bind(11, c.optedOut());
        bindNullable(statement, 12, c.optedOutAt(), OffsetDateTime.class);
        bindNullable(statement, 13, c.source(), String.class);
        bindNullable(statement, 14, c.collector(), String.class);
        bindNullable(statement, 15, c.collectedOn(), LocalDate.class);
        statement.bind(16, c.complete());
        bindNullable(statement, 17, c.lastImportId(), UUID.class);
        statement.bind(18, c.createdAt());
        statement.bind(19, c.updatedAt());
    }

    static <V> void bindNullable(Statement statement, int index, V value, Class<V> type) {
        if (value == null) {
            statement.bindNull(index, type);
        } else {
            statement.bind(index, value);
        }
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

    static List<String> distinct(Collection<String> values) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(values));
    }
}

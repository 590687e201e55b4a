package io.baifang.security;

import java.time.OffsetDateTime;
import java.util.Set;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class StaffUsers {

    private static final String COLUMNS = "username, password_hash, role, branches, created_at, updated_at";

    private final DatabaseClient db;

    StaffUsers(DatabaseClient db) {
        this.db = db;
    }

    Mono<StaffUser> findByUsername(String username) {
        return db.sql("select " + COLUMNS + " from staff_users where username = :username")
                .bind("username", username)
                .map(StaffUsers::read)
                .one();
    }

    Flux<StaffUser> findPageOrderedByUsername(int page, int size) {
        return db.sql("select " + COLUMNS + " from staff_users order by username limit :limit offset :offset")
                .bind("limit", size)
                .bind("offset", (long) page * size)
                .map(StaffUsers::read)
                .all();
    }

    Mono<Long> count() {
        return db.sql("select count(*) from staff_users").map(row -> row.get(0, Long.class)).one();
    }

    Mono<Long> countWithRole(Role role) {
        return db.sql("select count(*) from staff_users where role = :role")
                .bind("role", role.name())
                .map(row -> row.get(0, Long.class)).one();
    }

    Mono<Void> insert(StaffUser user) {
        return db.sql("insert into staff_users (" + COLUMNS + ") values "
                        + "(:username, :passwordHash, :role, :branches, :createdAt, :updatedAt)")
                .bind("username", user.username())
                .bind("passwordHash", user.passwordHash())
                .bind("role", user.role().name())
                .bind("branches", StaffUser.branchesToColumn(user.branches()))
                .bind("createdAt", user.createdAt())
                .bind("updatedAt", user.updatedAt())
                .then();
    }

    Mono<Void> update(StaffUser user) {
        return db.sql("update staff_users set password_hash = :passwordHash, role = :role, branches = :branches, "
                        + "updated_at = :updatedAt where username = :username")
                .bind("username", user.username())
                .bind("passwordHash", user.passwordHash())
                .bind("role", user.role().name())
                .bind("branches", StaffUser.branchesToColumn(user.branches()))
                .bind("updatedAt", user.updatedAt())
                .then();
    }

    Mono<Long> delete(String username) {
        return db.sql("delete from staff_users where username = :username")
                .bind("username", username)
                .fetch().rowsUpdated();
    }

    private static StaffUser read(Readable row) {
        Set<String> branches = StaffUser.branchesFromColumn(row.get("branches", String.class));
        return new StaffUser(row.get("username", String.class), row.get("password_hash", String.class),
                Role.valueOf(row.get("role", String.class)), branches,
                row.get("created_at", OffsetDateTime.class), row.get("updated_at", OffsetDateTime.class));
    }
}

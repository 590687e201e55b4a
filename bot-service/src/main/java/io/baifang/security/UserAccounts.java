package io.baifang.security;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.baifang.branches.BranchNetwork;
import io.baifang.shared.PageOf;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** Creating, changing and removing staff users, with the rules that keep roles and branches consistent. */
@Service
class UserAccounts {

    private final StaffUsers users;
    private final PasswordEncoder encoder;
    private final BranchNetwork branches;
    private final RememberedSignIns signIns;
    private final Clock clock;

    UserAccounts(StaffUsers users, PasswordEncoder encoder, BranchNetwork branches, RememberedSignIns signIns,
                 Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.branches = branches;
        this.signIns = signIns;
        this.clock = clock;
    }

    Mono<StaffUser> create(String username, String password, Role role, List<String> branchCodes) {
        Set<String> checkedBranches = branchesFor(role, branchCodes);
        OffsetDateTime now = OffsetDateTime.now(clock);
        StaffUser user = new StaffUser(username, encoder.encode(password), role, checkedBranches, now, now);
        return users.findByUsername(username)
                .flatMap(existing -> Mono.<StaffUser>error(new ResponseStatusException(HttpStatus.CONFLICT,
                        "user '" + username + "' already exists")))
                .switchIfEmpty(users.insert(user).thenReturn(user))
                .doOnSuccess(created -> signIns.forgetAll());
    }

    Mono<PageOf<StaffUser>> page(int page, int size) {
        return users.findPageOrderedByUsername(page, size).collectList()
                .zipWith(users.count())
                .map(found -> new PageOf<>(found.getT1(), page, size, found.getT2()));
    }

    Mono<StaffUser> find(String username) {
        return users.findByUsername(username).switchIfEmpty(Mono.error(() -> noSuchUser(username)));
    }

    Mono<StaffUser> change(String username, String password, Role role, List<String> branchCodes) {
        return find(username)
                .flatMap(existing -> keepOneAdmin(existing, role).thenReturn(existing))
                .map(existing -> changed(existing, password, role, branchCodes))
                .flatMap(updated -> users.update(updated).thenReturn(updated))
                .doOnSuccess(updated -> signIns.forgetAll());
    }

    Mono<Void> remove(String username, StaffMember caller) {
        if (username.equals(caller.username())) {
            return Mono.error(new ResponseStatusException(HttpStatus.CONFLICT, "you cannot delete yourself"));
        }
        return find(username)
                .flatMap(existing -> keepOneAdmin(existing, null))
                .then(users.delete(username))
                .doOnSuccess(deleted -> signIns.forgetAll())
                .then();
    }

    private StaffUser changed(StaffUser existing, String password, Role role, List<String> branchCodes) {
        Role newRole = role == null ? existing.role() : role;
        Set<String> newBranches = branchCodes == null && newRole == existing.role()
                ? existing.branches()
                : branchesFor(newRole, branchCodes == null ? List.copyOf(existing.branches()) : branchCodes);
        String hash = password == null ? existing.passwordHash() : encoder.encode(password);
        return new StaffUser(existing.username(), hash, newRole, newBranches, existing.createdAt(),
                OffsetDateTime.now(clock));
    }

    /** Removing or demoting the last admin would lock everyone out of user management. */
    private Mono<Void> keepOneAdmin(StaffUser existing, Role newRole) {
        if (existing.role() != Role.ADMIN || newRole == Role.ADMIN) {
            return Mono.empty();
        }
        return users.countWithRole(Role.ADMIN)
                .filter(admins -> admins <= 1)
                .flatMap(last -> Mono.error(new ResponseStatusException(HttpStatus.CONFLICT,
                        "'" + existing.username() + "' is the last ADMIN; make another admin first")));
    }

    private Set<String> branchesFor(Role role, List<String> branchCodes) {
        List<String> codes = branchCodes == null ? List.of() : branchCodes;
        for (String code : codes) {
            if (!branches.exists(code)) {
                throw invalid("branches", "unknown branch '" + code + "'");
            }
        }
        return switch (role) {
            case STAFF -> {
                if (codes.size() != 1) {
                    throw invalid("branches", "a STAFF user works exactly one branch");
                }
                yield Set.copyOf(codes);
            }
            case MANAGER -> {
                if (codes.isEmpty()) {
                    throw invalid("branches", "a MANAGER needs at least one branch");
                }
                yield new LinkedHashSet<>(codes);
            }
            case ADMIN -> Set.of();
        };
    }

    private static ResponseStatusException invalid(String field, String message) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, field + ": " + message);
    }

    private static ResponseStatusException noSuchUser(String username) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no user '" + username + "'");
    }
}

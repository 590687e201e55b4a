package io.baifang.customers;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import io.baifang.branches.BranchNetwork;
import io.baifang.security.StaffMember;
import io.baifang.shared.PhoneNumbers;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** A staff member's change to one customer (PATCH), checked by the same rules a lead sheet follows. */
@Service
class CustomerEdits {

    private final CustomerStore store;
    private final LeadImportLog log;
    private final IdNumberVault vault;
    private final BranchNetwork branches;
    private final TransactionalOperator transaction;
    private final Clock clock;

    CustomerEdits(CustomerStore store, LeadImportLog log, IdNumberVault vault, BranchNetwork branches,
                  TransactionalOperator transaction, Clock clock) {
        this.store = store;
        this.log = log;
        this.vault = vault;
        this.branches = branches;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Fields left null keep their value; an empty string clears an optional one. */
    record Change(String name, String phone, String idNumber, String address, String village, String branch,
                  List<String> tags, Boolean consent, String source, String collector, LocalDate collectedOn) {
    }

    Mono<CustomerRecord> apply(CustomerRecord stored, Change change, StaffMember editor) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String phone = change.phone() == null ? stored.phone() : mobile(change.phone());
        String branch = change.branch() == null ? stored.branch() : branch(change.branch(), editor);
        IdNumberVault.SealedIdNumber sealed = change.idNumber() == null || change.idNumber().isBlank()
                ? null : vault.seal(idNumber(change.idNumber(), now.toLocalDate()));
        boolean clearsIdNumber = change.idNumber() != null && change.idNumber().isBlank();
        CustomerRecord changed = new CustomerRecord(stored.id(), phone,
                text(change.name(), stored.name()),
                sealed != null ? sealed.cipherText() : clearsIdNumber ? null : stored.idNumberCipher(),
                sealed != null ? sealed.lookupHash() : clearsIdNumber ? null : stored.idNumberHash(),
                sealed != null ? sealed.masked() : clearsIdNumber ? null : stored.idNumberMasked(),
                text(change.address(), stored.address()),
                text(change.village(), stored.village()),
                branch,
                change.tags() == null ? stored.tags() : tags(change.tags()),
                change.consent() == null ? stored.consent() : change.consent(),
                stored.optedOut(), stored.optedOutAt(),
                text(change.source(), stored.source()),
                text(change.collector(), stored.collector()),
                change.collectedOn() == null ? stored.collectedOn() : change.collectedOn(),
                stored.lastImportId(), stored.createdAt(), now);
        Mono<Void> unique = Mono.when(phoneIsFree(changed), idNumberIsFree(changed));
        LeadImportLog.Provenance entry = new LeadImportLog.Provenance(stored.id(), null, null,
                editor.username(), fieldsOf(change), now);
        return unique
                .then(store.update(changed))
                .then(log.recorded(List.of(entry)))
                .thenReturn(changed)
                .as(transaction::transactional);
    }

    private Mono<Void> phoneIsFree(CustomerRecord changed) {
        return store.findByPhone(changed.phone())
                .filter(other -> !other.id().equals(changed.id()))
                .flatMap(other -> Mono.error(conflict("phone: " + changed.phone() + " belongs to another customer")));
    }

    private Mono<Void> idNumberIsFree(CustomerRecord changed) {
        if (changed.idNumberHash() == null) {
            return Mono.empty();
        }
        return store.findByIdNumberHash(changed.idNumberHash())
                .filter(other -> !other.id().equals(changed.id()))
                .flatMap(other -> Mono.error(conflict("idNumber: this ID number belongs to another customer")));
    }

    private static String mobile(String raw) {
        return PhoneNumbers.mobileE164(raw)
                .orElseThrow(() -> invalid("phone: '" + raw + "' is not a mobile number that can take SMS"));
    }

    private String branch(String code, StaffMember editor) {
        String trimmed = code.trim();
        if (!branches.exists(trimmed)) {
            throw invalid("branch: unknown branch '" + trimmed + "'");
        }
        if (!editor.mayAccess(trimmed)) {
            throw invalid("branch: " + trimmed + " is not one of your branches");
        }
        return trimmed;
    }

    private static String idNumber(String raw, LocalDate today) {
        ResidentIdNumber.Reading reading = ResidentIdNumber.read(raw.trim(), false, today);
        if (reading instanceof ResidentIdNumber.Valid valid) {
            return valid.number();
        }
        // the value itself is never echoed: it is an ID number
        throw invalid("idNumber: not a valid 18-character resident ID number ("
                + ((ResidentIdNumber.Faulty) reading).fault().reason() + ")");
    }

    private static String text(String change, String stored) {
        if (change == null) {
            return stored;
        }
        String trimmed = change.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static List<String> tags(List<String> tags) {
        LinkedHashSet<String> clean = new LinkedHashSet<>();
        for (String tag : tags) {
            if (tag != null && !tag.isBlank()) {
                clean.add(tag.trim().replace(";", ""));
            }
        }
        return new ArrayList<>(clean);
    }

    private static String fieldsOf(Change change) {
        List<String> fields = new ArrayList<>();
        if (change.name() != null) fields.add("name");
        if (change.phone() != null) fields.add("phone");
        if (change.idNumber() != null) fields.add("idNumber");
        if (change.address() != null) fields.add("address");
        if (change.village() != null) fields.add("village");
        if (change.branch() != null) fields.add("branch");
        if (change.tags() != null) fields.add("tags");
        if (change.consent() != null) fields.add("consent");
        if (change.source() != null) fields.add("source");
        if (change.collector() != null) fields.add("collector");
        if (change.collectedOn() != null) fields.add("collectedOn");
        return fields.isEmpty() ? "nothing" : String.join(",", fields);
    }

    private static ResponseStatusException invalid(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }

    private static ResponseStatusException conflict(String detail) {
        return new ResponseStatusException(HttpStatus.CONFLICT, detail);
    }
}

package io.baifang.customers;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.baifang.security.StaffMember;
import io.baifang.shared.IdGenerator;

/**
 * Decides who a checked row is and applies it (samples/README.md, "Who the row is: phones first, then ID
 * numbers"): an update of the customer who has the phone, an update of the customer who has the ID number
 * (taking the new phone), or a new customer — or a rejection when phone and ID number point at different
 * people. Plain Java over a {@link RegistrySlice}; nothing here touches the database.
 */
final class LeadMerge {

    static final String PHONE_HAS_OTHER_ID = "phone belongs to a customer with another ID number";
    static final String ID_BELONGS_TO_OTHER = "ID number belongs to another customer";

    private final IdNumberVault vault;
    private final IdGenerator ids;
    private final StaffMember importer;
    private final UUID importId;
    private final OffsetDateTime now;

    LeadMerge(IdNumberVault vault, IdGenerator ids, StaffMember importer, UUID importId, OffsetDateTime now) {
        this.vault = vault;
        this.ids = ids;
        this.importer = importer;
        this.importId = importId;
        this.now = now;
    }

    /** The look-up hash of the row's ID number, or null: computed once per row, before matching. */
    String idNumberHash(CheckedLead lead) {
        return lead.idNumber() == null ? null : vault.lookupHash(lead.idNumber());
    }

    RowOutcome apply(CheckedLead lead, String idNumberHash, RegistrySlice registry) {
        CustomerRecord byPhone = registry.byPhone(lead.phone());
        CustomerRecord byIdNumber = registry.byIdNumberHash(idNumberHash);
        if (byPhone != null) {
            if (idNumberHash != null && byPhone.hasIdNumber() && !byPhone.idNumberHash().equals(idNumberHash)) {
                return reject(lead, PHONE_HAS_OTHER_ID);
            }
            if (byIdNumber != null && !byIdNumber.id().equals(byPhone.id())) {
                return reject(lead, ID_BELONGS_TO_OTHER);
            }
            return update(lead, idNumberHash, byPhone, registry);
        }
        if (byIdNumber != null) {
            return update(lead, idNumberHash, byIdNumber, registry);
        }
        return create(lead, idNumberHash, registry);
    }

    private RowOutcome update(CheckedLead lead, String idNumberHash, CustomerRecord stored, RegistrySlice registry) {
        if (!importer.mayAccess(stored.branch())) {
            // staff may not take over, or overwrite, another branch's customer
            return new RowOutcome.Rejected(new RowRejection(lead.row(), LeadColumn.BRANCH,
                    "this customer belongs to branch " + stored.branch() + ", outside your branches"));
        }
        boolean storesIdNumber = idNumberHash != null && !stored.hasIdNumber();
        IdNumberVault.SealedIdNumber sealed = storesIdNumber ? vault.seal(lead.idNumber()) : null;
        CustomerRecord updated = new CustomerRecord(
                stored.id(),
                lead.phone(),
                orKeep(lead.name(), stored.name()),
                sealed != null ? sealed.cipherText() : stored.idNumberCipher(),
                sealed != null ? sealed.lookupHash() : stored.idNumberHash(),
                sealed != null ? sealed.masked() : stored.idNumberMasked(),
                orKeep(lead.address(), stored.address()),
                orKeep(lead.village(), stored.village()),
                lead.branch(),
                union(stored.tags(), lead.tags()),
                lead.consent() != null ? lead.consent() : stored.consent(),
                stored.optedOut(),
                stored.optedOutAt(),
                orKeep(lead.source(), stored.source()),
                orKeep(lead.collector(), stored.collector()),
                lead.collectedOn() != null ? lead.collectedOn() : stored.collectedOn(),
                importId,
                stored.createdAt(),
                now);
        registry.replace(stored, updated);
        return new RowOutcome.Updated(updated.id(), fieldsSetBy(lead));
    }

    private RowOutcome create(CheckedLead lead, String idNumberHash, RegistrySlice registry) {
        IdNumberVault.SealedIdNumber sealed = idNumberHash == null ? null : vault.seal(lead.idNumber());
        CustomerRecord created = new CustomerRecord(
                ids.next(),
                lead.phone(),
                lead.name(),
                sealed == null ? null : sealed.cipherText(),
                sealed == null ? null : sealed.lookupHash(),
                sealed == null ? null : sealed.masked(),
                lead.address(),
                lead.village(),
                lead.branch(),
                union(List.of(), lead.tags()),
                // a new customer with a blank consent cell has not consented
                Boolean.TRUE.equals(lead.consent()),
                false,
                null,
                lead.source(),
                lead.collector(),
                lead.collectedOn(),
                importId,
                now,
                now);
        registry.create(created);
        return new RowOutcome.Imported(created.id(), fieldsSetBy(lead));
    }

    private static RowOutcome reject(CheckedLead lead, String reason) {
        return new RowOutcome.Rejected(new RowRejection(lead.row(), LeadColumn.ID_NUMBER, reason));
    }

    private static String orKeep(String fromRow, String stored) {
        return fromRow != null ? fromRow : stored;
    }

    private static List<String> union(List<String> stored, List<String> added) {
        Set<String> tags = new LinkedHashSet<>(stored);
        tags.addAll(added);
        return new ArrayList<>(tags);
    }

    /** The names of the values a row set: its non-blank cells. */
    static String fieldsSetBy(CheckedLead lead) {
        List<String> fields = new ArrayList<>();
        fields.add("phone");
        addIf(fields, lead.name(), "name");
        addIf(fields, lead.idNumber(), "idNumber");
        addIf(fields, lead.address(), "address");
        addIf(fields, lead.village(), "village");
        fields.add("branch");
        if (!lead.tags().isEmpty()) {
            fields.add("tags");
        }
        addIf(fields, lead.collector(), "collector");
        addIf(fields, lead.collectedOn(), "collectedOn");
        addIf(fields, lead.source(), "source");
        addIf(fields, lead.consent(), "consent");
        return String.join(",", fields);
    }

    private static void addIf(List<String> fields, Object value, String name) {
        if (value != null) {
            fields.add(name);
        }
    }

    /** What became of one row. */
    sealed interface RowOutcome {

        record Imported(UUID customerId, String fields) implements RowOutcome {
        }

        record Updated(UUID customerId, String fields) implements RowOutcome {
        }

        record Rejected(RowRejection rejection) implements RowOutcome {
        }
    }
}

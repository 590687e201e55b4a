package io.baifang.customers;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The part of the registry one batch of rows can touch: every customer known by a phone or ID number the
 * batch names, as stored, then as the batch changes them row by row. At the end it says what to write.
 */
final class RegistrySlice {

    private final Map<String, UUID> byPhone = new HashMap<>();
    private final Map<String, UUID> byIdNumberHash = new HashMap<>();
    private final Map<UUID, CustomerRecord> current = new LinkedHashMap<>();
    private final Map<UUID, String> storedPhone = new HashMap<>();
    private final Set<UUID> created = new LinkedHashSet<>();
    private final Set<UUID> changed = new LinkedHashSet<>();

    RegistrySlice(Collection<CustomerRecord> stored) {
        for (CustomerRecord customer : stored) {
            current.put(customer.id(), customer);
            storedPhone.put(customer.id(), customer.phone());
            index(customer);
        }
    }

    CustomerRecord byPhone(String phone) {
        UUID id = byPhone.get(phone);
        return id == null ? null : current.get(id);
    }

    CustomerRecord byIdNumberHash(String hash) {
        UUID id = hash == null ? null : byIdNumberHash.get(hash);
        return id == null ? null : current.get(id);
    }

    void create(CustomerRecord customer) {
        current.put(customer.id(), customer);
        created.add(customer.id());
        index(customer);
    }

    /** Replaces a customer; a phone it leaves is no longer known. */
    void replace(CustomerRecord before, CustomerRecord after) {
        if (!before.phone().equals(after.phone())) {
            byPhone.remove(before.phone());
        }
        current.put(after.id(), after);
        if (!created.contains(after.id())) {
            changed.add(after.id());
        }
        index(after);
    }

    /** Customers this batch creates, in the order it created them. */
    List<CustomerRecord> toInsert() {
        return created.stream().map(current::get).toList();
    }

    /** Stored customers this batch changes. */
    List<CustomerRecord> toUpdate() {
        return changed.stream().map(current::get).toList();
    }

    /** Stored customers whose phone this batch changes: their old phones are released before writing. */
    List<UUID> phonesToRelease() {
        return changed.stream()
                .filter(id -> !current.get(id).phone().equals(storedPhone.get(id)))
                .toList();
    }

    private void index(CustomerRecord customer) {
        byPhone.put(customer.phone(), customer.id());
        if (customer.idNumberHash() != null) {
            byIdNumberHash.put(customer.idNumberHash(), customer.id());
        }
    }
}

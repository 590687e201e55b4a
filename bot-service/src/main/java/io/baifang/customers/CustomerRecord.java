package io.baifang.customers;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A row of {@code customers}. ID numbers appear only sealed: cipher text, look-up hash, masked form. */
record CustomerRecord(
        UUID id,
        String phone,
        String name,
        String idNumberCipher,
        String idNumberHash,
        String idNumberMasked,
        String address,
        String village,
        String branch,
        List<String> tags,
        boolean consent,
        boolean optedOut,
        OffsetDateTime optedOutAt,
        String source,
        String collector,
        LocalDate collectedOn,
        UUID lastImportId,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    CustomerRecord {
        tags = List.copyOf(tags);
    }

    /** The same customer, opted out of marketing (or back in) at {@code at}. */
    CustomerRecord withOptedOut(boolean optedOut, OffsetDateTime at) {
        return new CustomerRecord(id, phone, name, idNumberCipher, idNumberHash, idNumberMasked, address, village,
                branch, tags, consent, optedOut, optedOut ? at : null, source, collector, collectedOn, lastImportId,
                createdAt, at);
    }

    /** Name, phone, ID number and address make a complete record (信息完整). */
    boolean complete() {
        return name != null && phone != null && idNumberHash != null && address != null;
    }

    boolean hasIdNumber() {
        return idNumberHash != null;
    }

    static List<String> tagsFromColumn(String column) {
        if (column == null || column.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(column.split(";")).filter(tag -> !tag.isEmpty()).toList();
    }

    static String tagsToColumn(List<String> tags) {
        return String.join(";", tags);
    }
}

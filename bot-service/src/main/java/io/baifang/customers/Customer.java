package io.baifang.customers;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A customer as other modules and the API see them: the ID number only masked. */
public record Customer(
        UUID id,
        String name,
        String phone,
        String idNumber,
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
        boolean complete,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static Customer of(CustomerRecord record) {
        return new Customer(record.id(), record.name(), record.phone(), record.idNumberMasked(), record.address(),
                record.village(), record.branch(), record.tags(), record.consent(), record.optedOut(),
                record.optedOutAt(), record.source(), record.collector(), record.collectedOn(), record.complete(),
                record.createdAt(), record.updatedAt());
    }

    /** Marketing may reach this customer at all: consented on the lead sheet and not opted out. */
    public boolean reachableForMarketing() {
        return consent && !optedOut;
    }
}

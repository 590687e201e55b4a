package io.baifang.customers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What an import did: {@code {"imported","updated","incomplete","rejected":[{"row","column","reason"}]}}. */
record ImportReport(int imported, int updated, long incomplete, List<Rejected> rejected) {

    record Rejected(int row, String column, String reason) {
    }

    /** Running totals while batches go by; the incomplete count is taken from the registry at the end. */
    record Tally(int imported, int updated, List<RowRejection> rejected) {

        static Tally empty() {
            return new Tally(0, 0, List.of());
        }

        Tally plus(Tally other) {
            List<RowRejection> all = new ArrayList<>(rejected);
            all.addAll(other.rejected);
            return new Tally(imported + other.imported, updated + other.updated, all);
        }

        ImportReport withIncomplete(long incomplete) {
            List<Rejected> rows = rejected.stream()
                    .sorted(Comparator.comparingInt(RowRejection::row))
                    .map(r -> new Rejected(r.row(), r.column().header(), r.reason()))
                    .toList();
            return new ImportReport(imported, updated, incomplete, rows);
        }
    }
}

package io.baifang.customers;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.baifang.shared.MultiRowStatements;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Each upload, its rejected rows, and which row set which customer's values. */
@Repository
class LeadImportLog {

    private static final List<MultiRowStatements.Column> REJECTIONS = List.of(
            CustomerStore.column("import_id", UUID.class), CustomerStore.column("row_number", Integer.class),
            CustomerStore.column("column_name", String.class), CustomerStore.column("reason", String.class));
    private static final List<MultiRowStatements.Column> PROVENANCE = List.of(
            CustomerStore.column("customer_id", UUID.class), CustomerStore.column("import_id", UUID.class),
            CustomerStore.column("row_number", Integer.class), CustomerStore.column("changed_by", String.class),
            CustomerStore.column("fields", String.class), CustomerStore.column("recorded_at", OffsetDateTime.class));

    private final DatabaseClient db;

    LeadImportLog(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> started(UUID importId, String fileName, String format, String importedBy, OffsetDateTime at) {
        return db.sql("insert into lead_imports (id, file_name, format, imported_by, started_at) "
                        + "values (:id, :fileName, :format, :importedBy, :at)")
                .bind("id", importId)
                .bind("fileName", fileName)
                .bind("format", format)
                .bind("importedBy", importedBy)
                .bind("at", at)
                .then();
    }

    Mono<Void> finished(UUID importId, ImportReport report, OffsetDateTime at) {
        return db.sql("update lead_imports set finished_at = :at, imported = :imported, updated = :updated, "
                        + "incomplete = :incomplete, rejected = :rejected where id = :id")
                .bind("id", importId)
                .bind("at", at)
                .bind("imported", report.imported())
                .bind("updated", report.updated())
                .bind("incomplete", (int) report.incomplete())
                .bind("rejected", report.rejected().size())
                .then();
    }

    Mono<Void> rejected(UUID importId, List<RowRejection> rejections) {
        return MultiRowStatements.insert(db, "lead_import_rejections", REJECTIONS, rejections,
                rejection -> new Object[] {importId, rejection.row(), rejection.column().header(), rejection.reason()});
    }

    Mono<Void> recorded(List<Provenance> provenance) {
        return MultiRowStatements.insert(db, "customer_provenance", PROVENANCE, provenance,
                entry -> new Object[] {entry.customerId(), entry.importId(), entry.row(), entry.changedBy(),
                        entry.fields(), entry.at()});
    }

    Flux<ProvenanceView> historyOf(UUID customerId) {
        return db.sql("select p.import_id, i.file_name, p.row_number, p.changed_by, p.fields, p.recorded_at "
                        + "from customer_provenance p left join lead_imports i on i.id = p.import_id "
                        + "where p.customer_id = :id order by p.recorded_at, p.row_number")
                .bind("id", customerId)
                .map(row -> new ProvenanceView(row.get("import_id", UUID.class), row.get("file_name", String.class),
                        row.get("row_number", Integer.class), row.get("changed_by", String.class),
                        List.of(row.get("fields", String.class).split(",")),
                        row.get("recorded_at", OffsetDateTime.class)))
                .all();
    }

    /** One entry of a customer's history: who set which values, from which sheet and row. */
    record Provenance(UUID customerId, UUID importId, Integer row, String changedBy, String fields,
                      OffsetDateTime at) {
    }

    record ProvenanceView(UUID importId, String sheet, Integer row, String changedBy, List<String> fields,
                          OffsetDateTime at) {
    }
}

package io.baifang.customers;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Each upload, its rejected rows, and which row set which customer's values. */
@Repository
class LeadImportLog {

    private final DatabaseClient db;
    private final CustomerStore customers;

    LeadImportLog(DatabaseClient db, CustomerStore customers) {
        this.db = db;
        this.customers = customers;
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
        return customers.executeBatch("insert into lead_import_rejections (import_id, row_number, column_name, reason) "
                + "values ($1, $2, $3, $4)", rejections, (statement, rejection) -> statement
                .bind(0, importId)
                .bind(1, rejection.row())
                .bind(2, rejection.column().header())
                .bind(3, rejection.reason()));
    }

    Mono<Void> recorded(List<Provenance> provenance) {
        return customers.executeBatch("insert into customer_provenance "
                + "(customer_id, import_id, row_number, changed_by, fields, recorded_at) values ($1, $2, $3, $4, $5, $6)",
                provenance, (statement, entry) -> {
                    statement.bind(0, entry.customerId());
                    CustomerStore.bindNullable(statement, 1, entry.importId(), UUID.class);
                    CustomerStore.bindNullable(statement, 2, entry.row(), Integer.class);
                    statement.bind(3, entry.changedBy());
                    statement.bind(4, entry.fields());
                    statement.bind(5, entry.at());
                });
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

package io.baifang.customers;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.baifang.branches.BranchNetwork;
import io.baifang.security.StaffMember;
import io.baifang.shared.BlockingWork;
import io.baifang.shared.IdGenerator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Imports a 信息采集表 into the registry. The sheet is streamed in batches: each batch is checked row by
 * row, matched against the customers its phones and ID numbers name, and written with one statement per
 * kind of change. The whole import is one transaction: a sheet that turns out unreadable halfway changes
 * nothing, and rows are never half-applied.
 */
@Service
class LeadSheetImporter {

    private final CustomerStore customers;
    private final LeadImportLog log;
    private final IdNumberVault vault;
    private final BranchNetwork branches;
    private final IdGenerator ids;
    private final BlockingWork blocking;
    private final TransactionalOperator transaction;
    private final Clock clock;
    private final int rowsPerBatch;
    private final AtomicReference<Mono<Void>> lastImport = new AtomicReference<>(Mono.empty());

    LeadSheetImporter(CustomerStore customers, LeadImportLog log, IdNumberVault vault, BranchNetwork branches,
                      IdGenerator ids, BlockingWork blocking, TransactionalOperator transaction, Clock clock,
                      CustomersProperties properties) {
        this.customers = customers;
        this.log = log;
        this.vault = vault;
        this.branches = branches;
        this.ids = ids;
        this.blocking = blocking;
        this.transaction = transaction;
        this.clock = clock;
        this.rowsPerBatch = properties.leadSheets().rowsPerBatch();
    }

    /** Fails with {@link UnreadableSheetException} (nothing imported) when the file is not a usable sheet. */
    Mono<ImportReport> importSheet(Path file, String fileName, StaffMember importer) {
        return Mono.usingWhen(
                blocking.call(() -> LeadSheetReader.open(file, fileName)),
                sheet -> importRows(sheet, fileName, importer),
                sheet -> blocking.call(() -> {
                    sheet.close();
                    return true;
                }));
    }

    private Mono<ImportReport> importRows(LeadSheet sheet, String fileName, StaffMember importer) {
        UUID importId = ids.next();
        OffsetDateTime now = OffsetDateTime.now(clock);
        LeadRowChecks checks = new LeadRowChecks(branches::exists, importer::mayAccess);
        LeadMerge merge = new LeadMerge(vault, ids, importer, importId, now);
        Mono<ImportReport> steps = customers.waitForOtherImportsInThisTransaction()
                .then(customers.planWithIndexesForThisTransaction())
                .then(log.started(importId, fileName, sheet.format(), importer.username(), now))
                .thenMany(rowsOf(sheet))
                .buffer(rowsPerBatch)
                .map(rows -> checkedBatch(rows, checks, merge))
                // prefetch: the next batch is read, checked and hashed on the reader's thread while this one is written
                .concatMap(batch -> importBatch(batch, merge, importId, importer, now), 2)
                .reduce(ImportReport.Tally.empty(), ImportReport.Tally::plus)
                .flatMap(tally -> finish(importId, tally));
        return oneAtATime(steps.as(transaction::transactional));
    }

    /**
     * Imports in this instance run one after another, each after the previous one ends (however it ends),
     * without holding a thread while they wait.
     */
    private <T> Mono<T> oneAtATime(Mono<T> work) {
        return Mono.defer(() -> {
            Sinks.Empty<Void> finished = Sinks.empty();
            Mono<Void> previous = lastImport.getAndSet(finished.asMono());
            return previous
                    .then(work)
                    .doFinally(signal -> finished.tryEmitEmpty());
        });
    }

    /** Rows are read on the blocking scheduler: file and XLSX parsing block. */
    private Flux<LeadRow> rowsOf(LeadSheet sheet) {
        return Flux.fromIterable(() -> sheet).subscribeOn(blocking.scheduler());
    }

    /** The pure part of a batch: checks and look-up hashes, no database. */
    private static CheckedBatch checkedBatch(List<LeadRow> rows, LeadRowChecks checks, LeadMerge merge) {
        List<RowCheck> checked = rows.stream().map(checks::check).toList();
        List<String> hashes = new ArrayList<>(checked.size());
        Set<String> phones = new LinkedHashSet<>();
        for (RowCheck check : checked) {
            if (check instanceof CheckedLead lead) {
                phones.add(lead.phone());
                hashes.add(merge.idNumberHash(lead));
            } else {
                hashes.add(null);
            }
        }
        return new CheckedBatch(checked, hashes, phones);
    }

    private Mono<ImportReport.Tally> importBatch(CheckedBatch batch, LeadMerge merge, UUID importId,
                                                 StaffMember importer, OffsetDateTime now) {
        return customers.findByPhonesOrIdNumberHashes(batch.phones(), nonNull(batch.hashes()))
                .collectList()
                .map(RegistrySlice::new)
                .flatMap(registry -> applyAndWrite(batch.checked(), batch.hashes(), registry, merge, importId,
                        importer, now));
    }

    private record CheckedBatch(List<RowCheck> checked, List<String> hashes, Set<String> phones) {
    }

    private Mono<ImportReport.Tally> applyAndWrite(List<RowCheck> checked, List<String> hashes, RegistrySlice registry,
                                                   LeadMerge merge, UUID importId, StaffMember importer,
                                                   OffsetDateTime now) {
        int imported = 0;
        int updated = 0;
        List<RowRejection> rejected = new ArrayList<>();
        List<LeadImportLog.Provenance> provenance = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            RowCheck check = checked.get(i);
            if (check instanceof RowRejection rejection) {
                rejected.add(rejection);
                continue;
            }
            CheckedLead lead = (CheckedLead) check;
            LeadMerge.RowOutcome outcome = merge.apply(lead, hashes.get(i), registry);
            if (outcome instanceof LeadMerge.RowOutcome.Imported created) {
                imported++;
                provenance.add(new LeadImportLog.Provenance(created.customerId(), importId, lead.row(),
                        importer.username(), created.fields(), now));
            } else if (outcome instanceof LeadMerge.RowOutcome.Updated changed) {
                updated++;
                provenance.add(new LeadImportLog.Provenance(changed.customerId(), importId, lead.row(),
                        importer.username(), changed.fields(), now));
            } else {
                rejected.add(((LeadMerge.RowOutcome.Rejected) outcome).rejection());
            }
        }
        ImportReport.Tally tally = new ImportReport.Tally(imported, updated, rejected);
        return customers.releasePhones(registry.phonesToRelease())
                .then(customers.updateAll(registry.toUpdate()))
                .then(customers.insertAll(registry.toInsert()))
                .then(log.recorded(provenance))
                .then(log.rejected(importId, rejected))
                .thenReturn(tally);
    }

    private Mono<ImportReport> finish(UUID importId, ImportReport.Tally tally) {
        return customers.countIncompleteTouchedBy(importId)
                .map(tally::withIncomplete)
                .flatMap(report -> log.finished(importId, report, OffsetDateTime.now(clock)).thenReturn(report));
    }

    private static List<String> nonNull(List<String> values) {
        return values.stream().filter(value -> value != null).distinct().toList();
    }
}

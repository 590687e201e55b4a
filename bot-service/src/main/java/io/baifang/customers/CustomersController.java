package io.baifang.customers;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import io.baifang.security.CurrentStaff;
import io.baifang.security.StaffMember;
import io.baifang.shared.PageOf;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** Customers, always within the caller's branches: anything outside them is 404, as if it did not exist. */
@RestController
@RequestMapping("/api/customers")
@Validated
class CustomersController {

    private final CustomerStore store;
    private final CustomerDirectory directory;
    private final CustomerEdits edits;
    private final LeadImportLog log;
    private final CurrentStaff currentStaff;

    CustomersController(CustomerStore store, CustomerDirectory directory, CustomerEdits edits, LeadImportLog log,
                        CurrentStaff currentStaff) {
        this.store = store;
        this.directory = directory;
        this.edits = edits;
        this.log = log;
        this.currentStaff = currentStaff;
    }

    @GetMapping
    Mono<PageOf<Customer>> list(@RequestParam(required = false) String branch,
                                @RequestParam(required = false) String tag,
                                @RequestParam(required = false) String q,
                                @RequestParam(defaultValue = "0") @Min(0) int page,
                                @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return currentStaff.get()
                .map(caller -> CustomerQuery.of(caller, branch, tag, q))
                .flatMap(query -> store.findPage(query, page, size).map(Customer::of).collectList()
                        .zipWith(store.count(query))
                        .map(found -> new PageOf<>(found.getT1(), page, size, found.getT2())));
    }

    @GetMapping("/{id}")
    Mono<CustomerDetail> one(@PathVariable UUID id) {
        return visible(id)
                .flatMap(customer -> log.historyOf(id).collectList()
                        .map(history -> new CustomerDetail(Customer.of(customer), history)));
    }

    @PatchMapping("/{id}")
    Mono<Customer> change(@PathVariable UUID id, @Valid @RequestBody CustomerChange request) {
        return currentStaff.get()
                .flatMap(caller -> visibleTo(id, caller)
                        .flatMap(stored -> edits.apply(stored, request.toChange(), caller)))
                .map(Customer::of);
    }

    @PostMapping("/{id}/opt-out")
    Mono<Customer> optOut(@PathVariable UUID id) {
        return currentStaff.get()
                .flatMap(caller -> visibleTo(id, caller)
                        .flatMap(stored -> directory.optOut(stored.id(), "api:" + caller.username())));
    }

    @PostMapping("/{id}/opt-in")
    Mono<Customer> optIn(@PathVariable UUID id) {
        return currentStaff.get()
                .flatMap(caller -> visibleTo(id, caller)
                        .flatMap(stored -> directory.optIn(stored.id(), "api:" + caller.username())));
    }

    private Mono<CustomerRecord> visible(UUID id) {
        return currentStaff.get().flatMap(caller -> visibleTo(id, caller));
    }

    private Mono<CustomerRecord> visibleTo(UUID id, StaffMember caller) {
        return store.findById(id)
                .filter(customer -> caller.mayAccess(customer.branch()))
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "no customer " + id)));
    }

    record CustomerDetail(Customer customer, List<LeadImportLog.ProvenanceView> history) {
    }

    record CustomerChange(
            @Size(max = 100) String name,
            @Size(max = 40) String phone,
            @Size(max = 40) String idNumber,
            @Size(max = 500) String address,
            @Size(max = 200) String village,
            @Size(max = 32) String branch,
            @Size(max = 50) List<@Size(max = 100) String> tags,
            Boolean consent,
            @Size(max = 100) String source,
            @Size(max = 100) String collector,
            LocalDate collectedOn) {

        CustomerEdits.Change toChange() {
            return new CustomerEdits.Change(name, phone, idNumber, address, village, branch, tags, consent, source,
                    collector, collectedOn);
        }
    }
}

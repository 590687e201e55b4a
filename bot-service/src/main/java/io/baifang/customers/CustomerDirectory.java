package io.baifang.customers;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;

import io.baifang.security.StaffMember;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What other modules may ask of the registry, without branch scoping (they act for the service). */
@Service
public class CustomerDirectory {

    private final CustomerStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CustomerDirectory(CustomerStore store, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    public Mono<Customer> find(UUID id) {
        return store.findById(id).map(Customer::of);
    }

    /**
     * The customer as a staff member may see them: one outside the caller's branches is answered exactly
     * like one that does not exist, a 404 problem, so nobody learns of customers they may not see.
     */
    public Mono<Customer> findVisibleTo(UUID id, StaffMember caller) {
        return store.findById(id)
                .filter(customer -> caller.mayAccess(customer.branch()))
                .map(Customer::of)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no customer " + id)));
    }

    public Mono<Customer> findByPhone(String e164) {
        return store.findByPhone(e164).map(Customer::of);
    }

    /** The customers with these ids that exist, in one query, in no particular order. */
    public Flux<Customer> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return store.findByIds(ids).map(Customer::of);
    }

    /**
     * Every customer matching an audience, streamed in id order as the database returns them: never
     * collected, so an audience of a million costs no more memory than one of ten.
     */
    public Flux<Customer> streamMatching(CustomerCriteria criteria) {
        return store.streamMatching(AudienceConditions.of(criteria)).map(Customer::of);
    }

    /**
     * The ids of the customers matching an audience as a statement another module nests in a set-based
     * statement of its own ({@code insert into … select … from (<sql>) audience}).
     */
    public CustomerCriteria.IdQuery idQuery(CustomerCriteria criteria) {
        AudienceConditions conditions = AudienceConditions.of(criteria);
        return new CustomerCriteria.IdQuery("select id from customers where " + conditions.where(),
                conditions.parameters());
    }

    /**
     * Suppresses all marketing to the customer until they opt in again. Idempotent: an opted-out customer
     * stays as they were, and no second event is published.
     *
     * @param via what asked for it: "api:username", "reply", "twilio:21610" …
     */
    public Mono<Customer> optOut(UUID id, String via) {
        return store.findById(id).flatMap(stored -> stored.optedOut()
                ? Mono.just(Customer.of(stored))
                : setOptedOut(stored, true, via));
    }

    public Mono<Customer> optIn(UUID id, String via) {
        return store.findById(id).flatMap(stored -> stored.optedOut()
                ? setOptedOut(stored, false, via)
                : Mono.just(Customer.of(stored)));
    }

    private Mono<Customer> setOptedOut(CustomerRecord stored, boolean optedOut, String via) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        CustomerRecord changed = stored.withOptedOut(optedOut, now);
        return store.update(changed)
                .doOnSuccess(done -> events.publishEvent(optedOut
                        ? new CustomerOptedOut(stored.id(), via, now)
                        : new CustomerOptedIn(stored.id(), via, now)))
                .thenReturn(Customer.of(changed));
    }
}

package io.baifang.contactpolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Counters in Redis, for production. One compact string per customer holds the few recent contacts the
 * longest window needs; {@link CounterScript} checks every window and counts in one EVALSHA. A batch is
 * pipelined: every EVALSHA is written before any answer is awaited, then flushed once.
 *
 * <p>The connection is this store's own, with auto-flush off, so a batch leaves in as few writes as the
 * socket allows; every path that writes commands flushes them itself.
 *
 * <p>Fails closed: when Redis is unreachable or does not answer within the timeout the store signals
 * {@link CountersUnavailableException}; when it has lost its counters (the epoch marker of the customer's
 * slot is missing) the decision is {@link ContactDecision.Paused}. Neither guesses.
 */
final class RedisContactCounters implements ContactCounters, AutoCloseable {

    static final String DEFAULT_PREFIX = "baifang:counters";

    /**
     * The recovery lock lapses this long after it was taken or last extended. Its holder extends it every
     * third of that while the rebuild runs, so a long rebuild keeps it and a holder that died frees it within
     * half a minute; marketing is paused meanwhile, so a short lease costs little.
     */
    static final Duration DEFAULT_LOCK_LEASE = Duration.ofSeconds(30);

    /** Deletes the lock only if it is still ours: it may have lapsed and been taken by another instance. */
    private static final String RELEASE_IF_OURS = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;

    /** Extends the lock only if it is still ours; 0 means another instance has it now. */
    private static final String EXTEND_IF_OURS = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0
            """;

    private static final String LOST =
            "Redis lost the contact counters; marketing waits until they are rebuilt from the contact log";

    private final StatefulConnection<String, String> connection;
    private final RedisClusterAsyncCommands<String, String> commands;
    private final ContactRules rules;
    private final CounterKeys keys;
    private final CounterScript script;
    private final Duration timeout;
    private final Duration lockLease;

    RedisContactCounters(StatefulRedisConnection<String, String> connection, ContactRules rules, String prefix,
            Duration timeout) {
        this(connection, rules, prefix, timeout, DEFAULT_LOCK_LEASE);
    }

    /** @param lockLease how long the recovery lock lasts unless its holder extends it (see {@link #exclusively}) */
    RedisContactCounters(StatefulRedisConnection<String, String> connection, ContactRules rules, String prefix,
            Duration timeout, Duration lockLease) {
        this(connection, connection.async(), rules, prefix, timeout, lockLease);
    }

    RedisContactCounters(StatefulRedisClusterConnection<String, String> connection, ContactRules rules,
            String prefix, Duration timeout) {
        this(connection, connection.async(), rules, prefix, timeout, DEFAULT_LOCK_LEASE);
    }

    private RedisContactCounters(StatefulConnection<String, String> connection,
            RedisClusterAsyncCommands<String, String> commands, ContactRules rules, String prefix, Duration timeout,
            Duration lockLease) {
        this.connection = connection;
        this.commands = commands;
        this.rules = rules;
        this.keys = new CounterKeys(prefix);
        this.script = new CounterScript(rules.settings());
        this.timeout = timeout;
        this.lockLease = lockLease;
        connection.setAutoFlushCommands(false);
    }

    @Override
    public Mono<ContactDecision> reserve(ContactAttempt attempt, Instant now) {
        return decide(rules.sendRequest(attempt, now), Mode.RESERVE, now);
    }

    @Override
    public Flux<ContactDecision> reserveAll(List<ContactAttempt> attempts, Instant now) {
        return Mono.fromCallable(() -> requestsFor(attempts, now))
                .flatMapMany(requests -> decideAll(requests, now));
    }

    @Override
    public Mono<ContactDecision> hold(ContactAttempt attempt, Instant plannedAt, Instant now) {
        return decide(rules.holdRequest(attempt, plannedAt), Mode.RESERVE, now);
    }

    /** Every hold's EVALSHA written before any answer is awaited, as {@link #reserveAll} does. */
    @Override
    public Flux<ContactDecision> holdAll(List<ContactAttempt> attempts, Instant plannedAt, Instant now) {
        return Mono.fromCallable(() -> attempts.stream().map(attempt -> rules.holdRequest(attempt, plannedAt)).toList())
                .flatMapMany(requests -> decideAll(requests, now));
    }

    @Override
    public Mono<ContactDecision> check(ContactAttempt attempt, Instant now) {
        return decide(rules.sendRequest(attempt, now), Mode.CHECK, now);
    }

    /**
     * Reads each customer's record, the epoch marker of its slot and the provider submissions the requests
     * name: every GET written first, one flush, one wait. The decisions are then Java's, from the same
     * {@link ContactRules} the script's refusals are explained with, so no rule is written twice.
     */
    @Override
    public Mono<Map<UUID, ContactHistory>> historiesFor(List<CounterRequest> requests) {
        return Mono.defer(() -> {
            requireOpen();
            Map<UUID, RedisFuture<String>> records = new LinkedHashMap<>();
            Map<UUID, String> markerOf = new HashMap<>();
            Map<String, RedisFuture<String>> markers = new HashMap<>();
            Map<UUID, Map<String, RedisFuture<String>>> submissions = new HashMap<>();
            for (CounterRequest request : requests) {
                UUID customer = request.customerId();
                String record = keys.record(customer);
                records.computeIfAbsent(customer, id -> commands.get(record));
                String marker = markerOf.computeIfAbsent(customer, id -> keys.markerFor(record));
                markers.computeIfAbsent(marker, commands::get);
                if (request.routeKey() != null) {
                    submissions.computeIfAbsent(customer, id -> new HashMap<>())
                            .computeIfAbsent(request.routeKey(),
                                    route -> commands.get(keys.submissions(customer, route)));
                }
            }
            connection.flushCommands();
            List<RedisFuture<String>> all = new ArrayList<>(records.values());
            all.addAll(markers.values());
            submissions.values().forEach(byRoute -> all.addAll(byRoute.values()));
            return await(CompletableFuture.allOf(all.stream().map(RedisFuture::toCompletableFuture)
                            .toArray(CompletableFuture[]::new)))
                    // decoding is the caller's work, beside Lettuce's event loop
                    .publishOn(Schedulers.parallel())
                    .then(Mono.fromCallable(() -> historiesOf(records, markerOf, markers, submissions)));
        });
    }

    private static Map<UUID, ContactHistory> historiesOf(Map<UUID, RedisFuture<String>> records,
            Map<UUID, String> markerOf, Map<String, RedisFuture<String>> markers,
            Map<UUID, Map<String, RedisFuture<String>>> submissions) {
        Map<UUID, ContactHistory> histories = new HashMap<>();
        records.forEach((customer, record) -> {
            if (valueOf(markers.get(markerOf.get(customer))) == null) {
                return; // lost with its slot: not yet rebuilt
            }
            List<ProviderSubmission> submitted = new ArrayList<>();
            submissions.getOrDefault(customer, Map.of()).forEach((route, times) ->
                    submitted.addAll(CounterRecordCodec.decodeSubmissions(valueOf(times), route)));
            histories.put(customer, new ContactHistory(CounterRecordCodec.decode(valueOf(record)), submitted));
        });
        return histories;
    }

    private static String valueOf(RedisFuture<String> reply) {
        return reply.toCompletableFuture().join();
    }

    @Override
    public Mono<Void> release(Reservation reservation, Instant now) {
        return Mono.defer(() -> {
            requireOpen();
            RedisFuture<Object> released = evalsha(releaseKeys(reservation), releaseArgs(reservation, now));
            connection.flushCommands();
            return await(released);
        }).onErrorResume(RedisNoScriptException.class, e -> loadScript()
                .then(Mono.defer(() -> awaitFlushed(evalsha(releaseKeys(reservation), releaseArgs(reservation, now))))))
                .then();
    }

    /**
     * Every release's EVALSHA written first, one flush, one wait. After a Redis restart the script is gone
     * (NOSCRIPT): load it and send the batch again; a release that already ran finds nothing the second time.
     */
    @Override
    public Mono<Void> releaseAll(List<Reservation> reservations, Instant now) {
        return Mono.defer(() -> releasedAll(reservations, now))
                .onErrorResume(RedisNoScriptException.class, e -> loadScript()
                        .then(Mono.defer(() -> releasedAll(reservations, now))));
    }

    private Mono<Void> releasedAll(List<Reservation> reservations, Instant now) {
        requireOpen();
        List<RedisFuture<?>> released = new ArrayList<>(reservations.size());
        for (Reservation reservation : reservations) {
            released.add(evalsha(releaseKeys(reservation), releaseArgs(reservation, now)));
        }
        connection.flushCommands();
        return await(CompletableFuture.allOf(toFutures(released))).then();
    }

    /** One script call per customer, written together, one flush, one wait; NOSCRIPT as {@link #releaseAll}. */
    @Override
    public Mono<Integer> forgetWaveContacts(List<UUID> customerIds, String waveKey, Instant now) {
        return Mono.defer(() -> forgotten(customerIds, waveKey, now))
                .onErrorResume(RedisNoScriptException.class, e -> loadScript()
                        .then(Mono.defer(() -> forgotten(customerIds, waveKey, now))));
    }

    private Mono<Integer> forgotten(List<UUID> customerIds, String waveKey, Instant now) {
        requireOpen();
        List<RedisFuture<List<Object>>> replies = new ArrayList<>(customerIds.size());
        for (UUID customerId : customerIds) {
            String record = keys.record(customerId);
            replies.add(evalsha(new String[] {record, keys.markerFor(record)},
                    new String[] {"forget-wave", Long.toString(now.toEpochMilli()), waveKey, "0", "0", ""}));
        }
        connection.flushCommands();
        List<RedisFuture<?>> all = new ArrayList<>(replies);
        return await(CompletableFuture.allOf(toFutures(all)))
                .then(Mono.fromSupplier(() -> replies.stream()
                        .mapToInt(reply -> ((Number) reply.toCompletableFuture().join().get(1)).intValue())
                        .sum()));
    }

    @Override
    public Mono<Void> rebuild(UUID customerId, List<PastContact> contacts, Instant now) {
        return Mono.defer(() -> {
            requireOpen();
            List<RedisFuture<?>> writes = writeHistory(customerId, rules.historyOf(contacts, now), now);
            connection.flushCommands();
            return await(CompletableFuture.allOf(toFutures(writes)));
        }).then();
    }

    @Override
    public Mono<Boolean> needsRecovery() {
        return Mono.defer(() -> {
            requireOpen();
            List<String> markers = keys.allMarkers();
            return awaitFlushed(commands.exists(markers.toArray(String[]::new)))
                    .map(present -> present < markers.size());
        });
    }

    @Override
    public Mono<Void> markRecovered(Instant now) {
        return Mono.defer(() -> {
            requireOpen();
            Map<String, String> markers = new LinkedHashMap<>();
            String epoch = Long.toString(now.toEpochMilli());
            keys.allMarkers().forEach(marker -> markers.put(marker, epoch));
            return awaitFlushed(commands.mset(markers));
        }).then();
    }

    /**
     * Runs the rebuild holding the recovery lock ({@code SET NX PX} with a random token), extended every
     * third of its lease while the rebuild runs and released by compare-and-delete, so that of several
     * instances on one Redis only one rebuilds at a time. When another instance holds the lock, or takes it
     * over because this one stalled for a whole lease, the answer is {@link RecoveryRunningElsewhereException}
     * (and the rebuild is cancelled: the other instance finishes it).
     */
    @Override
    public <T> Mono<T> exclusively(Mono<T> rebuild) {
        // a secret that proves ownership of the lock, not an id of anything: random on purpose
        String token = UUID.randomUUID().toString();
        Mono<String> held = takeLock(token)
                .flatMap(taken -> taken ? Mono.just(token) : Mono.error(new RecoveryRunningElsewhereException(
                        "another instance is rebuilding the contact counters")))
                // the rebuild is the caller's work: off Lettuce's event loop, which is for reading and writing
                .publishOn(Schedulers.parallel());
        return Mono.usingWhen(held, owned -> whileExtending(rebuild, owned), this::releaseLock);
    }

    private Mono<Boolean> takeLock(String token) {
        return Mono.defer(() -> {
            requireOpen();
            SetArgs ifFree = SetArgs.Builder.nx().px(lockLease.toMillis());
            return awaitFlushed(commands.set(keys.recoveryLock(), token, ifFree));
        }).map("OK"::equals).defaultIfEmpty(false);
    }

    private <T> Mono<T> whileExtending(Mono<T> rebuild, String token) {
        Mono<T> lost = Flux.interval(lockLease.dividedBy(3))
                .concatMap(tick -> extendLock(token))
                .filter(extended -> !extended)
                .next()
                .flatMap(gone -> Mono.error(new RecoveryRunningElsewhereException(
                        "the recovery lock lapsed and another instance took it over")));
        return Mono.firstWithSignal(rebuild, lost);
    }

    private Mono<Boolean> extendLock(String token) {
        return Mono.defer(() -> awaitFlushed(commands.<Long>eval(EXTEND_IF_OURS, ScriptOutputType.INTEGER,
                        new String[] {keys.recoveryLock()}, token, Long.toString(lockLease.toMillis()))))
                .map(extended -> extended == 1L);
    }

    private Mono<Void> releaseLock(String token) {
        return Mono.defer(() -> awaitFlushed(commands.<Long>eval(RELEASE_IF_OURS, ScriptOutputType.INTEGER,
                new String[] {keys.recoveryLock()}, token))).then();
    }

    /** Closes this store's own connection (the client belongs to whoever created it). */
    @Override
    public void close() {
        connection.close();
    }

    /** Deletes every key under the prefix: for tests and the benchmark, never for production data. */
    Mono<Long> deleteAll() {
        return Mono.defer(() -> awaitFlushed(commands.keys(keys.pattern()))
                .flatMap(found -> found.isEmpty() ? Mono.just(0L)
                        : awaitFlushed(commands.unlink(found.toArray(String[]::new)))));
    }

    private enum Mode {
        RESERVE("reserve"), CHECK("check");

        private final String argument;

        Mode(String argument) {
            this.argument = argument;
        }
    }

    private Mono<ContactDecision> decide(CounterRequest request, Mode mode, Instant now) {
        if (request.countsNothing()) {
            return Mono.just(ContactDecision.Allowed.uncounted());
        }
        return Mono.defer(() -> {
            requireOpen();
            RedisFuture<List<Object>> reply = dispatch(request, mode, now);
            connection.flushCommands();
            return awaitDecision(request, mode, reply, now);
        });
    }

    private List<CounterRequest> requestsFor(List<ContactAttempt> attempts, Instant now) {
        List<CounterRequest> requests = new ArrayList<>(attempts.size());
        attempts.forEach(attempt -> requests.add(rules.sendRequest(attempt, now)));
        return requests;
    }

    /**
     * Writes every EVALSHA first and flushes once, then waits for the whole batch with one timeout and
     * turns the answers into decisions in order. One wait per batch rather than per decision keeps the
     * client's cost per decision small, which is what a 2-core machine shared with Redis needs.
     */
    private Flux<ContactDecision> decideAll(List<CounterRequest> requests, Instant now) {
        requireOpen();
        List<RedisFuture<List<Object>>> replies = new ArrayList<>(requests.size());
        for (CounterRequest request : requests) {
            replies.add(request.countsNothing() ? null : dispatch(request, Mode.RESERVE, now));
        }
        connection.flushCommands();
        return settled(replies)
                .then(Mono.defer(() -> retryWhereTheScriptWasLost(requests, replies, now)))
                // Lettuce's event loop is for reading and writing; working out decisions (and whatever the
                // caller does next, such as sending the next batch) runs beside it
                .publishOn(Schedulers.parallel())
                .then(Mono.fromCallable(() -> decisionsFor(requests, replies, now)))
                .flatMapIterable(decisions -> decisions);
    }

    /**
     * After a Redis restart the script is gone (NOSCRIPT): load it and send those attempts again. They then
     * run after the rest of the batch, which only matters if one customer appears twice in the batch at the
     * very moment the script was lost.
     */
    private Mono<Void> retryWhereTheScriptWasLost(List<CounterRequest> requests,
            List<RedisFuture<List<Object>>> replies, Instant now) {
        List<Integer> lost = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            if (replies.get(i) != null && isNoScript(replies.get(i))) {
                lost.add(i);
            }
        }
        if (lost.isEmpty()) {
            return Mono.empty();
        }
        return loadScript().then(Mono.defer(() -> {
            lost.forEach(i -> replies.set(i, dispatch(requests.get(i), Mode.RESERVE, now)));
            connection.flushCommands();
            return settled(replies);
        }));
    }

    private List<ContactDecision> decisionsFor(List<CounterRequest> requests, List<RedisFuture<List<Object>>> replies,
            Instant now) {
        List<ContactDecision> decisions = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            RedisFuture<List<Object>> reply = replies.get(i);
            decisions.add(reply == null
                    ? ContactDecision.Allowed.uncounted()
                    : toDecision(requests.get(i), Mode.RESERVE, answerOf(reply), now));
        }
        return decisions;
    }

    /** Completes when every reply has arrived, failed or not, or fails after the timeout. */
    private Mono<Void> settled(List<RedisFuture<List<Object>>> replies) {
        CompletableFuture<?>[] futures = replies.stream()
                .filter(reply -> reply != null)
                .map(reply -> reply.toCompletableFuture().exceptionally(error -> null))
                .toArray(CompletableFuture[]::new);
        return await(CompletableFuture.allOf(futures)).then();
    }

    private static boolean isNoScript(RedisFuture<List<Object>> reply) {
        try {
            reply.toCompletableFuture().getNow(null);
            return false;
        } catch (java.util.concurrent.CompletionException error) {
            Throwable cause = error.getCause();
            return cause instanceof RedisNoScriptException
                    || cause != null && cause.getMessage() != null && cause.getMessage().startsWith("NOSCRIPT");
        }
    }

    private static List<Object> answerOf(RedisFuture<List<Object>> reply) {
        try {
            return reply.toCompletableFuture().getNow(null);
        } catch (java.util.concurrent.CompletionException error) {
            throw new CountersUnavailableException("Redis did not decide: " + error.getCause().getMessage(),
                    error.getCause());
        }
    }

    private RedisFuture<List<Object>> dispatch(CounterRequest request, Mode mode, Instant now) {
        return evalsha(requestKeys(request), requestArgs(request, mode, now));
    }

    /** Waits for one answer. After a Redis restart the script is gone (NOSCRIPT): load it and ask again. */
    private Mono<ContactDecision> awaitDecision(CounterRequest request, Mode mode, RedisFuture<List<Object>> reply,
            Instant now) {
        return await(reply)
                .onErrorResume(RedisNoScriptException.class, e -> loadScript()
                        .then(Mono.defer(() -> awaitFlushed(dispatch(request, mode, now)))))
                .map(answer -> toDecision(request, mode, answer, now));
    }

    private ContactDecision toDecision(CounterRequest request, Mode mode, List<Object> answer, Instant now) {
        long status = (Long) answer.get(0);
        if (status == CounterScript.NOT_READY) {
            return new ContactDecision.Paused(LOST);
        }
        if (status == CounterScript.ALLOWED) {
            return mode == Mode.CHECK ? ContactDecision.Allowed.uncounted() : allowed(request, answer);
        }
        ContactHistory history = new ContactHistory(
                CounterRecordCodec.decode((String) answer.get(1)),
                CounterRecordCodec.decodeSubmissions((String) answer.get(2), request.routeKey()));
        CounterVerdict verdict = rules.evaluate(request, history, now);
        if (verdict.isAllowed()) {
            throw new IllegalStateException("the counter script refused what ContactRules allows: " + request
                    + " over " + history);
        }
        return verdict.decision();
    }

    private static ContactDecision allowed(CounterRequest request, List<Object> answer) {
        ProviderSubmission submission = request.countsSubmission()
                ? new ProviderSubmission(request.at(), request.routeKey())
                : null;
        List<CountedContact> used = answer.size() > 1 ? CounterRecordCodec.decode((String) answer.get(1)) : List.of();
        List<CountedContact> displaced = answer.size() > 2
                ? CounterRecordCodec.decode((String) answer.get(2))
                : List.of();
        return new ContactDecision.Allowed(new Reservation(request.customerId(), request.counted(), submission,
                used.isEmpty() ? null : used.get(0), displaced));
    }

    private String[] requestKeys(CounterRequest request) {
        String record = keys.record(request.customerId());
        String marker = keys.markerFor(record);
        if (request.providerLimit() == null) {
            return new String[] {record, marker};
        }
        return new String[] {record, marker, keys.submissions(request.customerId(), request.routeKey())};
    }

    private static String[] requestArgs(CounterRequest request, Mode mode, Instant now) {
        CountedContact counted = request.counted();
        ProviderLimit limit = request.providerLimit();
        return new String[] {
                mode.argument,
                Long.toString(now.toEpochMilli()),
                counted == null ? "" : CounterRecordCodec.encode(counted),
                limit == null ? "0" : Integer.toString(limit.max()),
                limit == null ? "0" : Long.toString(limit.window().toMillis())};
    }

    private String[] releaseKeys(Reservation reservation) {
        String record = keys.record(reservation.customerId());
        String marker = keys.markerFor(record);
        ProviderSubmission submission = reservation.submission();
        if (submission == null) {
            return new String[] {record, marker};
        }
        return new String[] {record, marker, keys.submissions(reservation.customerId(), submission.routeKey())};
    }

    private static String[] releaseArgs(Reservation reservation, Instant now) {
        ProviderSubmission submission = reservation.submission();
        return new String[] {
                "release",
                Long.toString(now.toEpochMilli()),
                reservation.counted() == null ? "" : CounterRecordCodec.encode(reservation.counted()),
                "0",
                "0",
                submission == null ? "" : Long.toString(submission.at().toEpochMilli())};
    }

    private List<RedisFuture<?>> writeHistory(UUID customerId, ContactHistory history, Instant now) {
        List<RedisFuture<?>> writes = new ArrayList<>();
        String record = keys.record(customerId);
        if (history.counted().isEmpty()) {
            writes.add(commands.del(record));
        } else {
            long last = history.counted().stream().mapToLong(contact -> contact.at().toEpochMilli()).max().orElseThrow();
            long ttl = last + rules.settings().longestWindow().toMillis() - now.toEpochMilli();
            writes.add(commands.set(record, CounterRecordCodec.encodeAll(history.counted()), SetArgs.Builder.px(ttl)));
        }
        Map<String, List<ProviderSubmission>> byRoute = new HashMap<>();
        history.submissions().forEach(submission ->
                byRoute.computeIfAbsent(submission.routeKey(), route -> new ArrayList<>()).add(submission));
        long providerTtl = rules.settings().longestProviderWindow().toMillis();
        byRoute.forEach((route, submissions) -> writes.add(commands.set(keys.submissions(customerId, route),
                CounterRecordCodec.encodeSubmissions(submissions), SetArgs.Builder.px(providerTtl))));
        return writes;
    }

    private Mono<Void> loadScript() {
        return awaitFlushed(commands.scriptLoad(script.text())).then();
    }

    private <T> RedisFuture<T> evalsha(String[] keyNames, String[] args) {
        return commands.evalsha(script.sha1(), ScriptOutputType.MULTI, keyNames, args);
    }

    private <T> Mono<T> awaitFlushed(RedisFuture<T> future) {
        connection.flushCommands();
        return await(future);
    }

    private <T> Mono<T> await(CompletableFuture<T> future) {
        return Mono.fromCompletionStage(future)
                .timeout(timeout)
                .onErrorMap(RedisCommandExecutionException.class::isInstance, this::unlessNoScript)
                .onErrorMap(error -> error instanceof TimeoutException
                                || error instanceof RedisException && !(error instanceof RedisNoScriptException),
                        error -> new CountersUnavailableException("Redis did not answer: " + error.getMessage(), error));
    }

    private <T> Mono<T> await(RedisFuture<T> future) {
        return await(future.toCompletableFuture());
    }

    private Throwable unlessNoScript(Throwable error) {
        return error.getMessage() != null && error.getMessage().startsWith("NOSCRIPT")
                ? new RedisNoScriptException(error.getMessage())
                : error;
    }

    private void requireOpen() {
        if (!connection.isOpen()) {
            throw new CountersUnavailableException("Redis is unreachable");
        }
    }

    private static CompletableFuture<?>[] toFutures(List<RedisFuture<?>> futures) {
        return futures.stream().map(RedisFuture::toCompletableFuture).toArray(CompletableFuture[]::new);
    }
}

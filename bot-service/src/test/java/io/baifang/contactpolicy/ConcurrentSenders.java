package io.baifang.contactpolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many senders deciding marketing attempts for the same customers at once, as campaign dispatchers and
 * staff would: half of them in batches, half one by one. Every allowed attempt goes to a simulated contact
 * log. An attempt that gets {@link ContactDecision.Paused} is handed to {@code whenPaused} (which may
 * recover the counters) and tried again.
 */
final class ConcurrentSenders {

    static final int SENDERS = 16;
    static final int BATCH = 25;

    private final ContactCounters counters;
    private final Instant now;
    private final Queue<ContactAttempt> pending;
    private final Map<UUID, AtomicInteger> allowedPerCustomer = new ConcurrentHashMap<>();
    private final Queue<PastContact> contactLog = new ConcurrentLinkedQueue<>();
    private final AtomicInteger decided = new AtomicInteger();
    private final AtomicInteger paused = new AtomicInteger();

    ConcurrentSenders(ContactCounters counters, List<ContactAttempt> attempts, Instant now) {
        this.counters = counters;
        this.now = now;
        this.pending = new ConcurrentLinkedQueue<>(attempts);
    }

    /** Three marketing attempts per customer (two campaigns and a staff call), shuffled. */
    static List<ContactAttempt> threeAttemptsEach(int customers) {
        List<ContactAttempt> attempts = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            UUID customer = UUID.randomUUID();
            attempts.add(ContactAttempt.marketing(customer, Channel.SMS).inCampaign("spring-deposit", 1, 5));
            attempts.add(ContactAttempt.marketing(customer, Channel.WHATSAPP).inCampaign("card-offer", 1, 3));
            attempts.add(ContactAttempt.marketing(customer, Channel.PHONE));
        }
        Collections.shuffle(attempts, new Random(7));
        return attempts;
    }

    void run(Runnable whenPaused) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int sender = 0; sender < SENDERS; sender++) {
                boolean batching = sender % 2 == 0;
                running.add(senders.submit(() -> send(batching, whenPaused)));
            }
            for (Future<?> sender : running) {
                sender.get(120, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }
    }

    private void send(boolean batching, Runnable whenPaused) {
        List<ContactAttempt> batch = new ArrayList<>();
        while (true) {
            batch.clear();
            ContactAttempt next;
            while (batch.size() < (batching ? BATCH : 1) && (next = pending.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                return;
            }
            List<ContactDecision> decisions = batching
                    ? counters.reserveAll(batch, now).collectList().block()
                    : List.of(counters.reserve(batch.get(0), now).block());
            boolean sawPause = false;
            for (int i = 0; i < batch.size(); i++) {
                ContactDecision decision = decisions.get(i);
                ContactAttempt attempt = batch.get(i);
                if (decision instanceof ContactDecision.Paused) {
                    paused.incrementAndGet();
                    pending.add(attempt);
                    sawPause = true;
                } else {
                    decided.incrementAndGet();
                    if (decision.isAllowed()) {
                        contactLog.add(PastContact.of(attempt, now));
                        allowedPerCustomer.computeIfAbsent(attempt.customerId(), id -> new AtomicInteger()).incrementAndGet();
                    }
                }
            }
            if (sawPause) {
                whenPaused.run();
            }
        }
    }

    Map<UUID, Integer> allowedPerCustomer() {
        Map<UUID, Integer> counts = new ConcurrentHashMap<>();
        allowedPerCustomer.forEach((customer, count) -> counts.put(customer, count.get()));
        return counts;
    }

    List<PastContact> contactLogSnapshot() {
        return List.copyOf(contactLog);
    }

    int decided() {
        return decided.get();
    }

    int paused() {
        return paused.get();
    }
}

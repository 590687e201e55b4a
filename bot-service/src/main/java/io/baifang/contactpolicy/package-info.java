/**
 * The contact policy: whether one customer may be contacted now, across every campaign and channel, and
 * the contact log that keeps every decision.
 *
 * <p>Marketing caps in sliding windows ({@code marketing-1d}, {@code marketing-7d}, {@code marketing-30d}),
 * one contact per campaign wave, channel weights for staff calls (电访) and visits, provider flow-control
 * limits, quiet hours, opt-out and consent, and reservations ahead by priority. The rules live in
 * {@code config/contact-policy.yml} ({@link io.baifang.contactpolicy.ContactPolicyFile}); every decision
 * names the rule that made it.
 *
 * <p>How it is cut:
 * <ul>
 * <li>{@link io.baifang.contactpolicy.ContactGate}: the one public way to contact a customer. It reads
 * opt-out and consent from the customer registry, decides, writes the contact log line (allowed or not)
 * and answers the outcome; {@code release} marks the line released and frees the slot; {@code holdAhead}
 * logs a {@code HELD} line ({@code holdAheadAll} a wave's batch: one registry query, one round trip to the
 * counters, one log statement; {@code releaseHolds} a cancelled wave's standing holds, streamed from the log in
 * batches); {@code preview} answers what it would decide, counting and logging nothing (for
 * campaign estimates). Other modules cannot go around it: the policy, the counters and recovery are
 * package-private.</li>
 * <li>{@link io.baifang.contactpolicy.ContactRules}: the rules as plain Java ({@code decide(attempt, history,
 * now)}), no Spring or Reactor (an ArchUnit test keeps it so);</li>
 * <li>{@code ContactCounters}: the per-customer counters that check and count in one atomic step, in the
 * JVM (embedded default) or in Redis (production: one Lua script, a compact record per customer,
 * hash-tagged keys for Redis Cluster, batches pipelined);</li>
 * <li>{@code ContactPolicy}: the decider behind the gate (opt-out, consent, quiet hours in Java, the rest by
 * the counters; fails closed for marketing with a {@code PAUSED} decision);</li>
 * <li>{@code ContactLog}: the {@code contact_log} table (migrations V3, V7), written many rows per
 * statement;</li>
 * <li>{@code CounterRecovery} and {@code CounterRecoverySchedule}: rebuild lost counters from the log (the
 * allowed, unreleased lines of the longest window and the holds that still stand, streamed in customer
 * order) at start-up, every 10 s when a cheap check says they were lost, and at once when a decision comes
 * back paused; on Redis under a lock, so one instance rebuilds while the others wait for its markers. The
 * schedule's tick also marks lapsed holds;</li>
 * <li>{@code ContactsController}: {@code POST/GET /api/customers/{id}/contacts} and
 * {@code GET /api/contact-policy}.</li>
 * </ul>
 *
 * <p>Decisions made, for the reader: a count never lacks its log line (the gate releases the count when
 * the log write fails, and runs decide-then-log to its end even if the caller cancels); the log keeps an
 * allowed contact at the instant the counters counted it, so recovery rebuilds exactly and a release by log
 * id finds it; the registry can only make an attempt stricter than the caller said. Holds ahead are logged
 * ({@code HELD} at their planned time) and their lines marked when they end ({@code CANCELLED}, {@code USED},
 * {@code DISPLACED}, {@code LAPSED}), so recovery rebuilds the ones that stand; the counters name the hold a
 * send used and the holds an attempt displaced, so the gate can mark them, and recovery also treats a hold
 * whose wave was sent as used, in case that mark was lost. {@code holdAhead} and {@code releaseHold} kept
 * their signatures (campaigns are written against them): a hold's line is found by customer, campaign and
 * wave. A hold may be placed at most {@code reservations.hold-horizon} ahead (default the longest cap window:
 * further ahead it could not stand in the way of any contact decided now, so placing it later loses nothing);
 * further is refused as a caller's mistake.
 * A preview reads the counters (one round trip) and decides in Java with {@code ContactRules}, so no rule is
 * written a second time beside the Lua script; it answers allowed without a reservation, so nothing can be
 * released by mistake. Recovery's cross-instance lock has a 30 s lease extended every 10 s rather than one
 * long lease, so that an instance that died holds marketing paused for half a minute at most. The staff
 * API refuses a marketing call in quiet hours ({@code 409 QUIET_HOURS_DEFERRED} with the time it becomes
 * allowed): staff ask before they call. There is no foreign key from the log to customers: the log is this module's, and keeps what
 * happened.
 *
 * <p>Public: the gate, its outcome and request, the log entry, the attempt, decision and history value
 * types, and the settings (shown by {@code GET /api/contact-policy}).
 */
package io.baifang.contactpolicy;

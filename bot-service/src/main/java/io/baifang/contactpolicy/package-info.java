/**
 * The contact policy: whether one customer may be contacted now, across every campaign and channel.
 *
 * <p>Marketing caps in sliding windows ({@code marketing-1d}, {@code marketing-7d}, {@code marketing-30d}),
 * one contact per campaign wave, channel weights for staff calls (电访) and visits, provider flow-control
 * limits, quiet hours, opt-out and consent, and reservations ahead by priority. The rules live in
 * {@code config/contact-policy.yml} ({@link io.baifang.contactpolicy.ContactPolicyFile}); every decision
 * names the rule that made it.
 *
 * <p>How it is cut:
 * <ul>
 * <li>{@link io.baifang.contactpolicy.ContactRules}: the rules as plain Java ({@code decide(attempt, history,
 * now)}), no Spring or Reactor (an ArchUnit test keeps it so);</li>
 * <li>{@link io.baifang.contactpolicy.ContactCounters}: the per-customer counters that check and count in one
 * atomic step, in the JVM (embedded default) or in Redis (production: one Lua script, a compact record per
 * customer, hash-tagged keys for Redis Cluster, batches pipelined);</li>
 * <li>{@link io.baifang.contactpolicy.ContactPolicy}: the facade every send path calls;</li>
 * <li>{@link io.baifang.contactpolicy.CounterRecovery}: rebuilds lost counters from the contact log before
 * marketing resumes (marketing fails closed meanwhile; transactional messages go on).</li>
 * </ul>
 * Public: the facade, the store interface, recovery, the attempt, decision and history value types, and the
 * settings (shown by {@code GET /api/contact-policy}). The stores, the Lua script and the codec are
 * package-private.
 */
package io.baifang.contactpolicy;

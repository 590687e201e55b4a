package io.baifang.contactpolicy;

import java.time.Instant;

/**
 * What the contact policy says about one attempt. A decision that is not {@link Allowed} names the rule
 * that decided it (the strictest one when several apply), so the contact log can explain every refusal.
 */
public sealed interface ContactDecision {

    enum Reason {
        /** a sliding-window cap on marketing contacts ({@code marketing-1d}, {@code marketing-7d}, …) */
        FREQUENCY_CAP,
        /** the customer already had (or has a hold for) this campaign wave */
        CAMPAIGN_WAVE_CAP,
        /** a provider's flow-control limit: same signature and template to one number in a window */
        PROVIDER_LIMIT,
        /** marketing during quiet hours: send it when they end, deciding again then */
        QUIET_HOURS_DEFERRED,
        OPTED_OUT,
        /** consent 否 on the lead sheet: no marketing */
        NO_CONSENT
    }

    default boolean isAllowed() {
        return this instanceof Allowed;
    }

    /**
     * The contact may happen now.
     *
     * @param reservation what was counted, to {@link ContactPolicy#release release} if the provider rejects
     *                    the message; {@code null} when nothing was counted (a transactional message)
     */
    record Allowed(Reservation reservation) implements ContactDecision {

        public static Allowed uncounted() {
            return new Allowed(null);
        }
    }

    /** Not now, but at {@code until}; never dropped. The caller decides again when it comes due. */
    record Deferred(Reason reason, String rule, Instant until) implements ContactDecision {
    }

    /**
     * Not allowed.
     *
     * @param nextAllowedAt the earliest time the rule would allow it if nothing else is counted meanwhile,
     *                      or {@code null} when waiting does not help (opted out, no consent, the wave is used)
     */
    record Refused(Reason reason, String rule, Instant nextAllowedAt) implements ContactDecision {
    }

    /**
     * The counters cannot be consulted (Redis unreachable, or empty and not yet rebuilt from the contact log).
     * Marketing fails closed: the caller pauses it and decides again later. Transactional messages never get
     * this decision.
     */
    record Paused(String cause) implements ContactDecision {
    }
}

package io.baifang.replies;

import java.time.LocalDate;

/** The contract's intent precedence, first rule that fits wins. */
final class IntentRules {

    private IntentRules() {
    }

    /**
     * @param proposal  the visit proposed, or null
     * @param proposedDate the proposal's date resolved (null when none or vague), to tell a confirmation of the
     *                     offered day from a move to another
     */
    static Intent decide(ReplyEvidence evidence, Reply reply, ReplyEvidence.Slot proposal, LocalDate proposedDate) {
        if (evidence.has(CueCategory.OPT_OUT)) {
            return Intent.OPT_OUT;
        }
        if (evidence.has(CueCategory.WRONG_PERSON)) {
            return Intent.WRONG_PERSON;
        }
        if (evidence.has(CueCategory.HANDOFF)) {
            return Intent.HANDOFF;
        }
        boolean yes = evidence.saysYes();
        boolean comes = evidence.comes();
        if (reply.hasBooking()) {
            Intent aboutBooking = aboutTheBooking(evidence, reply, proposal, proposedDate, yes, comes);
            if (aboutBooking != null) {
                return aboutBooking;
            }
        } else {
            if (proposal != null) {
                return Intent.BOOK;
            }
            if (evidence.refuses()) {
                return Intent.DECLINE;
            }
            if (yes || comes) {
                return Intent.BOOK;
            }
        }
        if (evidence.asks()) {
            return Intent.QUESTION;
        }
        if (evidence.has(CueCategory.GREETING)) {
            return Intent.GREETING;
        }
        return Intent.UNKNOWN;
    }

    /**
     * With a booking held: a move word, or a day or time proposed (even beside 来不了), moves it; a refusal with
     * no new day drops it; a yes keeps it. A yes naming the offered day again (好的，明天准时到) keeps it too.
     */
    private static Intent aboutTheBooking(ReplyEvidence evidence, Reply reply, ReplyEvidence.Slot proposal,
                                          LocalDate proposedDate, boolean yes, boolean comes) {
        if (evidence.has(CueCategory.RESCHEDULE)) {
            return Intent.RESCHEDULE;
        }
        if (proposal != null) {
            boolean namesOfferedDay = reply.offeredDate() != null && reply.offeredDate().equals(proposedDate);
            boolean confirmsOfferedDay = proposal.day == null || namesOfferedDay;
            if (yes && !evidence.refuses() && !proposal.vague && confirmsOfferedDay) {
                return Intent.BOOK;
            }
            boolean repeatsOfferedDayOnly = namesOfferedDay && proposal.clock == null && proposal.part == null;
            if (repeatsOfferedDayOnly && !evidence.refuses()) {
                // 还是明天去: the booked day said again is no move
                return Intent.BOOK;
            }
            return Intent.RESCHEDULE;
        }
        if (evidence.refuses()) {
            return Intent.CANCEL;
        }
        if (yes || comes) {
            return Intent.BOOK;
        }
        return null;
    }
}

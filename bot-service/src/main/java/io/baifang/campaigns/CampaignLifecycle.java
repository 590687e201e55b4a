package io.baifang.campaigns;

/**
 * The campaign lifecycle as a rule: given where a campaign stands and what is asked, the status it moves to,
 * or why it may not. Plain Java; the caller applies a move with a conditional update, so two requests racing
 * each other cannot both move the same campaign.
 * <pre>
 * DRAFT ──start──▶ RUNNING (no schedule, or its time has come) │ SCHEDULED (its time is ahead)
 * SCHEDULED ──time comes──▶ RUNNING
 * RUNNING ──pause──▶ PAUSED ──resume──▶ RUNNING
 * RUNNING ──every recipient of the wave settled──▶ COMPLETED │ SCHEDULED (a follow-up wave is ahead)
 * DRAFT, SCHEDULED, RUNNING, PAUSED ──cancel──▶ CANCELLED
 * </pre>
 */
final class CampaignLifecycle {

    private CampaignLifecycle() {
    }

    enum Command {
        /** staff start it: at once, or at its schedule */
        START,
        /** its scheduled time has come */
        BEGIN,
        PAUSE,
        RESUME,
        CANCEL,
        /** the dispatcher found every recipient settled */
        COMPLETE
    }

    /** The answer: a move, or a refusal a person understands. */
    sealed interface Transition {

        record Move(CampaignStatus to) implements Transition {
        }

        record Refused(String detail) implements Transition {
        }
    }

    /**
     * @param scheduledAhead whether something is scheduled ahead: for START the campaign's start, for COMPLETE
     *                       its follow-up wave
     */
    static Transition decide(CampaignStatus current, Command command, boolean scheduledAhead) {
        if (current.hasEnded()) {
            return refused("the campaign is " + name(current) + "; it cannot " + verb(command) + " any more");
        }
        return switch (command) {
            case START -> current == CampaignStatus.DRAFT
                    ? move(scheduledAhead ? CampaignStatus.SCHEDULED : CampaignStatus.RUNNING)
                    : refused("only a draft can be started; the campaign is already " + name(current));
            case BEGIN -> current == CampaignStatus.SCHEDULED
                    ? move(CampaignStatus.RUNNING)
                    : refused("only a scheduled campaign begins at its time; the campaign is " + name(current));
            case PAUSE -> current == CampaignStatus.RUNNING
                    ? move(CampaignStatus.PAUSED)
                    : refused("only a running campaign can be paused; the campaign is " + name(current));
            case RESUME -> current == CampaignStatus.PAUSED
                    ? move(CampaignStatus.RUNNING)
                    : refused("only a paused campaign can be resumed; the campaign is " + name(current));
            case CANCEL -> move(CampaignStatus.CANCELLED);
            case COMPLETE -> current == CampaignStatus.RUNNING
                    ? move(scheduledAhead ? CampaignStatus.SCHEDULED : CampaignStatus.COMPLETED)
                    : refused("only a running campaign completes; the campaign is " + name(current));
        };
    }

    private static Transition move(CampaignStatus to) {
        return new Transition.Move(to);
    }

    private static Transition refused(String detail) {
        return new Transition.Refused(detail);
    }

    private static String name(CampaignStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String verb(Command command) {
        return switch (command) {
            case START -> "be started";
            case BEGIN -> "begin";
            case PAUSE -> "be paused";
            case RESUME -> "be resumed";
            case CANCEL -> "be cancelled";
            case COMPLETE -> "complete";
        };
    }
}

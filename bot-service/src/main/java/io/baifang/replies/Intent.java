package io.baifang.replies;

/** What a reply asks for, in the contract's precedence order: the first that fits wins. */
public enum Intent {
    OPT_OUT, WRONG_PERSON, HANDOFF, CANCEL, RESCHEDULE, BOOK, DECLINE, QUESTION, GREETING, UNKNOWN
}

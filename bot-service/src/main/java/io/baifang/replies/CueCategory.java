package io.baifang.replies;

/** The kinds of words the lexicon lists; each is one file under {@code lexicons/replies/}. */
enum CueCategory {
    OPT_OUT("opt-out.txt"),
    WRONG_PERSON("wrong-person.txt"),
    HANDOFF("handoff.txt"),
    CANCEL("cancel.txt"),
    RESCHEDULE("reschedule.txt"),
    AGREE("agree.txt"),
    COME("come.txt"),
    DECLINE("decline.txt"),
    QUESTION("question.txt"),
    QUESTION_TOPIC("question-topics.txt"),
    GREETING("greeting.txt"),
    VAGUE("vague.txt"),
    NEUTRAL("neutral.txt");

    private final String fileName;

    CueCategory(String fileName) {
        this.fileName = fileName;
    }

    String fileName() {
        return fileName;
    }

    int bit() {
        return 1 << ordinal();
    }
}

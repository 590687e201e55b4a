package io.baifang.replies;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The grammatical ways Chinese asks, beyond question words: A不A (远不远, 开不开门) and a clause ending in 不 or
 * 没 (周末开门不, 到了没). They are grammar, not vocabulary, so they live here and not in the lexicon.
 */
final class QuestionForms {

    /** Who ends a clause with 不 to refuse, not to ask: 我不, 就不, 才不. */
    private static final String REFUSING_BEFORE_FINAL_NOT = "我你他她都也还就并绝决才偏";

    private QuestionForms() {
    }

    static List<Cue> withQuestionForms(String text, Clauses clauses, List<Cue> cues) {
        List<Cue> found = new ArrayList<>();
        for (Clauses.Clause clause : clauses.all()) {
            for (int i = clause.start() + 1; i + 1 < clause.end(); i++) {
                char c = text.charAt(i);
                if ((c == '不' || c == '没') && text.charAt(i - 1) == text.charAt(i + 1) && ReplyChars.isCjk(text.charAt(i - 1))
                        && !isInsideCue(cues, i)) {
                    found.add(new Cue(CueCategory.QUESTION.bit(), i - 1, i + 2));
                }
            }
            int last = clause.end() - 1;
            char end = text.charAt(last);
            boolean endsInNot = (end == '不' || end == '没') && last - clause.start() >= 2;
            if (endsInNot && REFUSING_BEFORE_FINAL_NOT.indexOf(text.charAt(last - 1)) < 0 && !isInsideCue(cues, last)) {
                found.add(new Cue(CueCategory.QUESTION.bit(), last, last + 1));
            }
        }
        if (found.isEmpty()) {
            return cues;
        }
        List<Cue> all = new ArrayList<>(cues);
        all.addAll(found);
        all.sort(Comparator.comparingInt(Cue::start));
        return all;
    }

    private static boolean isInsideCue(List<Cue> cues, int position) {
        for (Cue cue : cues) {
            if (position >= cue.start() && position < cue.end()) {
                return true;
            }
        }
        return false;
    }
}

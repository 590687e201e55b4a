package io.baifang.replies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The reply cut at punctuation: each clause is one thought (明天没空 | 后天上午来吧). */
final class Clauses {

    record Clause(int start, int end) {
    }

    private final List<Clause> clauses;
    private final int[] clauseAt;

    private Clauses(List<Clause> clauses, int[] clauseAt) {
        this.clauses = clauses;
        this.clauseAt = clauseAt;
    }

    static Clauses of(String text) {
        List<Clause> clauses = new ArrayList<>();
        int[] clauseAt = new int[text.length()];
        Arrays.fill(clauseAt, -1);
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            if (ReplyChars.isSeparator(text, i)) {
                if (start >= 0) {
                    clauses.add(new Clause(start, i));
                    start = -1;
                }
            } else {
                if (start < 0) {
                    start = i;
                }
                clauseAt[i] = clauses.size();
            }
        }
        if (start >= 0) {
            clauses.add(new Clause(start, text.length()));
        }
        return new Clauses(clauses, clauseAt);
    }

    List<Clause> all() {
        return clauses;
    }

    int size() {
        return clauses.size();
    }

    Clause get(int index) {
        return clauses.get(index);
    }

    /** The clause holding the character at {@code position}, or -1 on a separator. */
    int indexAt(int position) {
        return position >= 0 && position < clauseAt.length ? clauseAt[position] : -1;
    }
}

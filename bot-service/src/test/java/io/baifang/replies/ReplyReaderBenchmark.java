package io.baifang.replies;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A plain benchmark, single thread: warm up, then time every call over the labelled replies (sample and rule
 * cases) replayed in rounds. Run with {@code scripts/bench-replies.sh}; not a test.
 */
public final class ReplyReaderBenchmark {

    private ReplyReaderBenchmark() {
    }

    public static void main(String[] args) {
        int warmUpSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        ReplyReader reader = ReplyReader.fromConfigDir(Path.of(args.length > 2 ? args[2] : "config"));
        List<Reply> replies = new ArrayList<>();
        ReplyCase.fromClasspath("/nlu/replies-sample.jsonl").forEach(labelled -> replies.add(labelled.reply()));
        ReplyCase.fromClasspath("/replies/replies-rules.jsonl").forEach(labelled -> replies.add(labelled.reply()));

        long warmUpEnd = System.nanoTime() + warmUpSeconds * 1_000_000_000L;
        long sink = 0;
        while (System.nanoTime() < warmUpEnd) {
            for (Reply reply : replies) {
                sink += reader.understand(reply).intent().ordinal();
            }
        }

        long[] nanos = new long[replies.size() * rounds];
        int n = 0;
        long started = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            for (Reply reply : replies) {
                long before = System.nanoTime();
                sink += reader.understand(reply).intent().ordinal();
                nanos[n++] = System.nanoTime() - before;
            }
        }
        long elapsed = System.nanoTime() - started;
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "replies understood: %d (%d distinct) in %.2f s, single thread%n",
                n, replies.size(), elapsed / 1e9);
        System.out.printf(Locale.ROOT, "throughput: %,.0f replies/s%n", n / (elapsed / 1e9));
        System.out.printf(Locale.ROOT, "latency: p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs%n",
                nanos[n / 2] / 1e3, nanos[(int) (n * 0.99)] / 1e3, nanos[(int) (n * 0.999)] / 1e3, nanos[n - 1] / 1e3);
        if (sink == 42) {
            System.out.println();
        }
    }
}

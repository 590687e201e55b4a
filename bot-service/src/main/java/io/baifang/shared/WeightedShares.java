package io.baifang.shared;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Splits recipients between options in the share of their weights (A/B variants): a stable hash of the recipient
 * picks the option, so the same recipient always gets the same one and a large audience splits by weight.
 */
public final class WeightedShares {

    private WeightedShares() {
    }

    /**
     * @param options at least one, each weighing more than 0
     * @param hash    a hash of who is choosing, evenly spread (e.g. bits of a SHA-256 or a name-based UUID)
     */
    public static <T> T pick(List<T> options, ToIntFunction<T> weight, long hash) {
        long total = options.stream().mapToLong(weight::applyAsInt).sum();
        long point = Math.floorMod(hash, total);
        for (T option : options) {
            point -= weight.applyAsInt(option);
            if (point < 0) {
                return option;
            }
        }
        return options.get(options.size() - 1);
    }
}

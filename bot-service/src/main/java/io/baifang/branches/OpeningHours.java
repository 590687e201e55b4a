package io.baifang.branches;

import java.time.LocalTime;

/** When a branch opens and closes on a day it is open. */
public record OpeningHours(LocalTime opens, LocalTime closes) {

    public OpeningHours {
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("opens " + opens + " is not before closes " + closes);
        }
    }
}

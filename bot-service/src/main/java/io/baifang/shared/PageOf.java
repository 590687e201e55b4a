package io.baifang.shared;

import java.util.List;

/** A page of a list that can grow: {@code {"items":[…],"page":0,"size":50,"total":n}}. */
public record PageOf<T>(List<T> items, int page, int size, long total) {
}

package io.baifang.replies;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Many phrases looked up at once by walking a reply character by character, so that reading stays linear in
 * the length of the reply whatever the size of the lexicon.
 */
final class PhraseTrie<V> {

    static final class Node<V> {
        private char[] keys = new char[0];
        private Node<V>[] children = newArray(0);
        private V value;

        Node<V> child(char c) {
            int at = Arrays.binarySearch(keys, c);
            return at >= 0 ? children[at] : null;
        }

        V value() {
            return value;
        }

        private Node<V> childOrNew(char c) {
            int at = Arrays.binarySearch(keys, c);
            if (at >= 0) {
                return children[at];
            }
            int insert = -at - 1;
            char[] grownKeys = new char[keys.length + 1];
            Node<V>[] grownChildren = newArray(children.length + 1);
            System.arraycopy(keys, 0, grownKeys, 0, insert);
            System.arraycopy(children, 0, grownChildren, 0, insert);
            System.arraycopy(keys, insert, grownKeys, insert + 1, keys.length - insert);
            System.arraycopy(children, insert, grownChildren, insert + 1, children.length - insert);
            grownKeys[insert] = c;
            grownChildren[insert] = new Node<>();
            keys = grownKeys;
            children = grownChildren;
            return grownChildren[insert];
        }

        @SuppressWarnings("unchecked")
        private static <V> Node<V>[] newArray(int size) {
            return (Node<V>[]) new Node[size];
        }
    }

    private final Node<V> root = new Node<>();

    Node<V> root() {
        return root;
    }

    /** Sets the value of a phrase from its current value (null when the phrase is new). */
    void update(String phrase, UnaryOperator<V> change) {
        Node<V> node = root;
        for (int i = 0; i < phrase.length(); i++) {
            node = node.childOrNew(phrase.charAt(i));
        }
        node.value = change.apply(node.value);
    }

    /** The end of the longest phrase starting at {@code from}, or -1. */
    int longestMatchEnd(CharSequence text, int from) {
        Node<V> node = root;
        int end = -1;
        for (int i = from; i < text.length(); i++) {
            node = node.child(text.charAt(i));
            if (node == null) {
                break;
            }
            if (node.value != null) {
                end = i + 1;
            }
        }
        return end;
    }

    V valueOf(CharSequence text, int from, int end) {
        Node<V> node = root;
        for (int i = from; i < end && node != null; i++) {
            node = node.child(text.charAt(i));
        }
        return node == null ? null : node.value;
    }
}

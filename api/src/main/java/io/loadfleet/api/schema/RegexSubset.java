package io.loadfleet.api.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of regular-expression syntax that describes strings to generate, parsed into a tree a
 * generator walks: literals, {@code .} (a letter or digit), {@code \d \w \s}, classes such as
 * {@code [A-Z0-9_-]}, groups with alternatives {@code (a|bc)}, and the quantifiers {@code ? * + {n}
 * {n,} {n,m}}. Unbounded quantifiers repeat at most {@value #UNBOUNDED_EXTRA} times beyond their
 * minimum. A leading {@code ^} and trailing {@code $} are accepted and ignored. Anything else
 * (negated classes, look-arounds, back-references, lazy quantifiers) is refused with its position.
 */
public final class RegexSubset {
    /** How many repetitions {@code *}, {@code +} and {@code {n,}} may add beyond their minimum. */
    public static final int UNBOUNDED_EXTRA = 8;
    /** Bounds a record's size: no quantifier repeats more often than this. */
    public static final int MAX_REPEAT = 1000;

    private static final String DIGITS = "0123456789";
    /** What {@code .} stands for, and what length rules write. */
    public static final String LETTERS_AND_DIGITS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" + DIGITS;

    /** A node of the parsed pattern. */
    public sealed interface Node permits Chars, Sequence, Choice, Repeat {}

    /** One character, any of {@code choices} with equal odds. */
    public record Chars(String choices) implements Node {}

    /** The parts one after another. */
    public record Sequence(List<Node> parts) implements Node {}

    /** One of the alternatives, with equal odds. */
    public record Choice(List<Node> alternatives) implements Node {}

    /** {@code node} between {@code min} and {@code max} times (inclusive), each count with equal odds. */
    public record Repeat(Node node, int min, int max) implements Node {}

    private final String pattern;
    private int at;

    private RegexSubset(String pattern) {
        this.pattern = pattern;
    }

    /**
     * Parses {@code pattern}.
     *
     * @throws IllegalArgumentException naming the position and what is not supported there
     */
    public static Node parse(String pattern) {
        RegexSubset parser = new RegexSubset(pattern);
        if (pattern.startsWith("^")) {
            parser.at = 1;
        }
        Node root = parser.alternatives();
        if (parser.at < pattern.length()) {
            throw parser.error("unbalanced ')'");
        }
        return root;
    }

    private Node alternatives() {
        List<Node> alternatives = new ArrayList<>();
        alternatives.add(sequence());
        while (peek('|')) {
            at++;
            alternatives.add(sequence());
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new Choice(List.copyOf(alternatives));
    }

    private Node sequence() {
        List<Node> parts = new ArrayList<>();
        while (at < pattern.length() && !peek('|') && !peek(')')) {
            if (peek('$') && at == pattern.length() - 1) {
                at++;
                break;
            }
            parts.add(quantified(atom()));
        }
        return parts.size() == 1 ? parts.get(0) : new Sequence(List.copyOf(parts));
    }

    private Node atom() {
        char c = pattern.charAt(at++);
        return switch (c) {
            case '.' -> new Chars(LETTERS_AND_DIGITS);
            case '\\' -> new Chars(escape(false));
            case '[' -> new Chars(characterClass());
            case '(' -> group();
            case '?', '*', '+', '{' -> throw error("'" + c + "' repeats nothing: escape it as \\" + c);
            case ']', '}', '^', '$' -> throw error("'" + c + "' is not supported here: escape it as \\" + c);
            default -> new Chars(String.valueOf(c));
        };
    }

    private Node group() {
        if (pattern.startsWith("?:", at)) {
            at += 2;
        } else if (peek('?')) {
            throw error("look-arounds and named groups are not supported");
        }
        Node inner = alternatives();
        if (!peek(')')) {
            throw error("missing ')'");
        }
        at++;
        return inner;
    }

    private String escape(boolean inClass) {
        if (at >= pattern.length()) {
            throw error("a pattern cannot end with '\\'");
        }
        char c = pattern.charAt(at++);
        return switch (c) {
            case 'd' -> DIGITS;
            case 'w' -> LETTERS_AND_DIGITS + "_";
            case 's' -> " ";
            case 't' -> "\t";
            case 'n' -> "\n";
            default -> {
                if (Character.isLetterOrDigit(c)) {
                    at--;
                    throw error("\\" + c + " is not supported" + (inClass ? " in a class" : "")
                            + ": use \\d, \\w, \\s, a class such as [A-Z] or an escaped punctuation character");
                }
                yield String.valueOf(c);
            }
        };
    }

    private String characterClass() {
        if (peek('^')) {
            throw error("negated classes [^...] are not supported: list the characters to use");
        }
        StringBuilder chars = new StringBuilder();
        boolean first = true;
        while (at < pattern.length() && (first || !peek(']'))) {
            first = false;
            String member = classMember();
            if (member.length() == 1 && at + 1 < pattern.length() && peek('-') && pattern.charAt(at + 1) != ']') {
                at++;
                String last = classMember();
                if (last.length() != 1) {
                    throw error("a range cannot end in a class such as \\d");
                }
                if (last.charAt(0) < member.charAt(0)) {
                    throw error("range " + member + "-" + last + " runs backwards");
                }
                for (char x = member.charAt(0); x <= last.charAt(0); x++) {
                    chars.append(x);
                }
            } else {
                chars.append(member);
            }
        }
        if (!peek(']')) {
            throw error("missing ']'");
        }
        at++;
        return chars.chars()
                .distinct()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    /** One member of a class: a character, an escaped one, or the characters of \\d, \\w or \\s. */
    private String classMember() {
        char c = pattern.charAt(at++);
        return c == '\\' ? escape(true) : String.valueOf(c);
    }

    private Node quantified(Node node) {
        if (at >= pattern.length()) {
            return node;
        }
        int min;
        int max;
        switch (pattern.charAt(at)) {
            case '?' -> {
                min = 0;
                max = 1;
                at++;
            }
            case '*' -> {
                min = 0;
                max = UNBOUNDED_EXTRA;
                at++;
            }
            case '+' -> {
                min = 1;
                max = 1 + UNBOUNDED_EXTRA;
                at++;
            }
            case '{' -> {
                int close = pattern.indexOf('}', at);
                if (close < 0) {
                    throw error("missing '}'");
                }
                String[] bounds = pattern.substring(at + 1, close).split(",", -1);
                min = count(bounds[0]);
                max = bounds.length == 1 ? min : bounds[1].isEmpty() ? min + UNBOUNDED_EXTRA : count(bounds[1]);
                if (bounds.length > 2 || max < min) {
                    throw error("{" + pattern.substring(at + 1, close) + "} is not {n}, {n,} or {n,m} with n <= m");
                }
                at = close + 1;
            }
            default -> {
                return node;
            }
        }
        if (at < pattern.length() && (peek('?') || peek('+'))) {
            throw error("lazy and possessive quantifiers are not supported");
        }
        if (max > MAX_REPEAT) {
            throw error("repeats up to " + max + " times: at most " + MAX_REPEAT);
        }
        return new Repeat(node, min, max);
    }

    private int count(String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw error("\"" + text + "\" is not a repeat count (a whole number, 0 or more)");
    }

    /** The most characters a string of the pattern can have (a long: nested quantifiers multiply). */
    public static long maxLength(Node node) {
        if (node instanceof Sequence sequence) {
            return sequence.parts().stream().mapToLong(RegexSubset::maxLength).sum();
        } else if (node instanceof Choice choice) {
            return choice.alternatives().stream()
                    .mapToLong(RegexSubset::maxLength)
                    .max()
                    .orElse(0);
        } else if (node instanceof Repeat repeat) {
            return Math.min(Long.MAX_VALUE / 2, repeat.max() * maxLength(repeat.node()));
        }
        return 1;
    }

    private boolean peek(char c) {
        return at < pattern.length() && pattern.charAt(at) == c;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("at character " + (at + 1) + " of \"" + pattern + "\": " + what);
    }
}

package io.jenkins.plugins.happyhorse.client.spec;

/**
 * One reason a request is invalid: the field, the value given (shortened to at most 60
 * characters, keeping its start and its end), why it is refused when there is more to say than
 * "not allowed", and what is allowed.
 *
 * @param field the field, e.g. {@code duration} or {@code images[2]}
 * @param value the value as given, shortened by {@link #shorten}; {@code (empty)} when there was none
 * @param allowed what the field accepts
 * @param reason why this value is refused, or null when "not allowed" says it all
 */
public record Violation(String field, String value, String allowed, String reason) {
    static final int MAX_VALUE_LENGTH = 60;
    /** The longest end (from the last separator) that is kept whole. */
    private static final int MAX_NAME_KEPT = 40;
    /** How much of the end is kept when the file name is longer. */
    private static final int TAIL_KEPT = 30;

    public Violation {
        value = shorten(value);
    }

    /** A violation without a specific reason. */
    public Violation(String field, String value, String allowed) {
        this(field, value, allowed, null);
    }

    /** E.g. {@code duration: 20 is not allowed; allowed: an integer from 3 to 15}. */
    public String message() {
        return field + ": " + value + " is not allowed" + (reason == null ? "" : " (" + reason + ")") + "; allowed: "
                + allowed;
    }

    @Override
    public String toString() {
        return message();
    }

    /**
     * A value as messages show it: on one line and, when longer than 60 characters, shortened in
     * the middle. The end of a path or URL from its last {@code /} (the file name) is kept whole
     * when it has at most 40 characters, otherwise its last 30; the start fills the rest, e.g.
     * {@code /home/ci/workspace/nightly-demo-clips/asse…/product-shot.png}. Both ends say
     * which value it was: where it is (a folder, a host) and what it is (the file's name). The one
     * place values are shortened for messages, of the engine and the command line alike.
     */
    public static String shorten(String value) {
        if (value == null || value.isEmpty()) {
            return "(empty)";
        }
        String oneLine = value.replaceAll("[\\r\\n\\t]+", " ");
        int length = oneLine.codePointCount(0, oneLine.length());
        if (length <= MAX_VALUE_LENGTH) {
            return oneLine;
        }
        int room = MAX_VALUE_LENGTH - 1;
        int lastSeparator = Math.max(oneLine.lastIndexOf('/'), oneLine.lastIndexOf('\\'));
        int name = lastSeparator < 0 ? Integer.MAX_VALUE : oneLine.codePointCount(lastSeparator, oneLine.length());
        int tail = name <= MAX_NAME_KEPT ? name : TAIL_KEPT;
        int head = room - tail;
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, head))
                + "…"
                + oneLine.substring(oneLine.offsetByCodePoints(0, length - tail));
    }
}

package io.jenkins.plugins.happyhorse.client.spec;

/**
 * One reason a request is invalid: the field, the value given (shortened to at most 60
 * characters), why it is refused when there is more to say than "not allowed", and what is
 * allowed.
 *
 * @param field the field, e.g. {@code duration} or {@code images[2]}
 * @param value the value as given, shortened; {@code (empty)} when there was none
 * @param allowed what the field accepts
 * @param reason why this value is refused, or null when "not allowed" says it all
 */
public record Violation(String field, String value, String allowed, String reason) {
    static final int MAX_VALUE_LENGTH = 60;

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

    public static String shorten(String value) {
        if (value == null || value.isEmpty()) {
            return "(empty)";
        }
        String oneLine = value.replaceAll("[\\r\\n\\t]+", " ");
        if (oneLine.codePointCount(0, oneLine.length()) <= MAX_VALUE_LENGTH) {
            return oneLine;
        }
        int end = oneLine.offsetByCodePoints(0, MAX_VALUE_LENGTH - 1);
        return oneLine.substring(0, end) + "…";
    }
}

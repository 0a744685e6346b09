package io.jenkins.plugins.happyhorse.client.webhook;

/**
 * Text bound for a log that may contain what a stranger sent (an id, a header): one line, printable
 * characters only, at most {@value #MAX} characters, so that no one can forge log lines or flood a
 * log through a callback.
 */
public final class LogText {
    static final int MAX = 300;
    /** The longest piece of a stranger's text quoted. */
    static final int MAX_QUOTED = 80;

    private LogText() {}

    /** {@code text} as one clean line. */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX));
        for (int i = 0; i < text.length() && b.length() < MAX; i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
        }
        if (text.length() > MAX) {
            b.append('…');
        }
        return b.toString();
    }

    /** The characters of an unverified value shown ({@link #glimpse}). */
    static final int GLIMPSE = 8;

    /** A stranger's value, quoted and shortened, for a detail. */
    public static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        String shown = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "…" : value;
        return "'" + clean(shown) + "'";
    }

    /**
     * The start of a value nobody has vouched for yet (a callback whose signature is not checked, or
     * did not match): its first {@value #GLIMPSE} characters and its length, enough to tell callbacks
     * apart in a log, never enough to copy into it whatever a stranger chose to send, a key included.
     */
    public static String glimpse(String value) {
        if (value == null) {
            return "(none)";
        }
        if (value.length() <= GLIMPSE) {
            return quote(value);
        }
        return "'" + clean(value.substring(0, GLIMPSE)) + "…' (" + value.length() + " characters)";
    }
}

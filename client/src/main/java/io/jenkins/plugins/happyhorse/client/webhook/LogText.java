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

    /** A stranger's value, quoted and shortened, for a detail. */
    public static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        String shown = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "…" : value;
        return "'" + clean(shown) + "'";
    }
}

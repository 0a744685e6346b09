package io.jenkins.plugins.happyhorse.workspace;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code images} setting: entries are workspace paths, Ant-style globs or URLs. The form
 * shows them one per line in a text area, so an entry holding line breaks (what the form sends)
 * is split into one entry per line; blank lines are dropped.
 */
public final class ImageEntries {

    // Two or more letters before the colon, so that C:\x.png stays a (Windows) path.
    private static final Pattern URL_LIKE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    private ImageEntries() {}

    /** The entries of {@code values}, each split at line breaks, trimmed, blanks dropped. */
    public static List<String> normalize(@CheckForNull List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                out.addAll(split(value));
            }
        }
        return out;
    }

    /**
     * The entries of a value as a Pipeline or a form gives it: a string (one entry per line), or a
     * list or an array of them; none for null.
     *
     * @throws IllegalArgumentException for any other value, naming what is allowed
     */
    public static List<String> of(@CheckForNull Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof CharSequence text) {
            return split(text.toString());
        }
        Iterable<?> items;
        if (value instanceof Iterable<?> iterable) {
            items = iterable;
        } else if (value instanceof Object[] array) {
            items = Arrays.asList(array);
        } else {
            throw new IllegalArgumentException("images: " + value.getClass().getSimpleName()
                    + " is not allowed; allowed: a list of workspace paths, globs or https URLs, or one as a string");
        }
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            // A Groovy string ("${name}.png") is a CharSequence too.
            out.addAll(split(item == null ? null : item.toString()));
        }
        return out;
    }

    /** The non-blank lines of {@code text}, trimmed. */
    public static List<String> split(@CheckForNull String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\\R")) {
                String entry = line.trim();
                if (!entry.isEmpty()) {
                    out.add(entry);
                }
            }
        }
        return out;
    }

    /** The entries one per line, as the form's text area shows them; null when there are none. */
    public static @CheckForNull String join(List<String> entries) {
        return entries.isEmpty() ? null : String.join("\n", entries);
    }

    /** Whether an entry is a URL (for the host to fetch) rather than a workspace path or glob. */
    public static boolean isUrl(String entry) {
        return URL_LIKE.matcher(entry).matches();
    }
}

package io.jenkins.plugins.happyhorse.cli.text;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Commands for people to paste into a POSIX shell: each word as it is when it needs no quoting,
 * otherwise in single quotes (a single quote inside becomes {@code '\''}). Commands printed for
 * later are never shortened: they must run as printed.
 */
public final class ShellWords {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {}

    /** {@code word} as a shell reads it back unchanged. */
    public static String quote(String word) {
        if (!word.isEmpty() && PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The words, each quoted as needed, joined by spaces. */
    public static String join(List<String> words) {
        return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }
}

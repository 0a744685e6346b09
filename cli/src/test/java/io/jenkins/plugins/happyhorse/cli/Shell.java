package io.jenkins.plugins.happyhorse.cli;

import java.util.ArrayList;
import java.util.List;

/** Reads a command line as a POSIX shell would (single and double quotes, backslashes), for running printed commands verbatim. */
final class Shell {
    private Shell() {}

    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                word.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int j = i + 1;
                while (line.charAt(j) != '"') {
                    if (line.charAt(j) == '\\') {
                        j++;
                    }
                    word.append(line.charAt(j));
                    j++;
                }
                i = j;
                inWord = true;
            } else if (c == '\\') {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * The command printed after the line ending in "run:" (or "command,…:") in {@code err}, as the
     * arguments of {@code happyhorse} (the program's name dropped).
     */
    static String[] printedCommand(String err) {
        List<String> lines = err.lines().toList();
        for (int i = lines.size() - 1; i > 0; i--) {
            if (lines.get(i).startsWith("  happyhorse ") && lines.get(i - 1).endsWith(":")) {
                List<String> w = words(lines.get(i).strip());
                return w.subList(1, w.size()).toArray(String[]::new);
            }
        }
        throw new AssertionError("no command printed in:\n" + err);
    }
}

package io.jenkins.plugins.happyhorse.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Markdown table that tests fill row by row (from several threads if need be) and write to
 * the module's report folder ({@code hh.reports.dir}, {@code <build dir>/reliability}), from
 * where docs/reliability.md takes it.
 */
public final class MarkdownTable {
    private static final int MAX_CELL = 400;
    private static final Pattern TEST_FOLDER = Pattern.compile(
            Pattern.quote(Path.of(System.getProperty("java.io.tmpdir")).toString()) + "/junit-?\\d+");

    private final List<String> header;
    private final List<List<String>> rows = Collections.synchronizedList(new ArrayList<>());

    public MarkdownTable(String... header) {
        this.header = List.of(header);
    }

    /** Adds a row; cells are made one-line and pipe-safe. */
    public void add(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object c : cells) {
            row.add(cell(String.valueOf(c)));
        }
        rows.add(row);
    }

    public int size() {
        return rows.size();
    }

    /** The table as Markdown, rows in the order added. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("| ").append(String.join(" | ", header)).append(" |\n");
        b.append("|").append("---|".repeat(header.size())).append('\n');
        synchronized (rows) {
            for (List<String> row : rows) {
                b.append("| ").append(String.join(" | ", row)).append(" |\n");
            }
        }
        return b.toString();
    }

    /** Writes {@code title}, an optional note and the table to {@code name} in the report folder. */
    public Path write(String name, String title, String note) {
        Path file = reportsDir().resolve(name);
        String text = "## " + title + "\n\n" + (note == null || note.isBlank() ? "" : note.strip() + "\n\n") + render();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The report folder: {@code hh.reports.dir}, or {@code target/reliability} when run outside Maven. */
    public static Path reportsDir() {
        String configured = System.getProperty("hh.reports.dir");
        return Path.of(configured == null || configured.isBlank() ? "target/reliability" : configured);
    }

    static String cell(String text) {
        StringBuilder visible = new StringBuilder();
        for (char ch : text.toCharArray()) {
            if (ch == '\r' || ch == '\n' || ch == '\t') {
                visible.append(' ');
            } else if (ch < 0x20 || ch == 0x7f) {
                // Control characters (a NUL in a path, say) would make the file binary.
                visible.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            } else {
                visible.append(ch);
            }
        }
        // Test folders differ from run to run; the table shows where they were, not their names.
        String one = TEST_FOLDER
                .matcher(visible.toString())
                .replaceAll("<tmp>")
                .replace("|", "\\|")
                .strip();
        while (one.contains("  ")) {
            one = one.replace("  ", " ");
        }
        return one.length() > MAX_CELL ? one.substring(0, MAX_CELL - 1) + "…" : one;
    }
}

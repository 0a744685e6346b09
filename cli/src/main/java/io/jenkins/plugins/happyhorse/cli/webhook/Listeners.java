package io.jenkins.plugins.happyhorse.cli.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The renders of one state folder that listen for callbacks now: a file per render in {@code
 * listeners/}, named {@code PID-PORT.url} and holding the URL of its loopback receiver. A render
 * adds its file when it starts listening and removes it when it ends; {@code happyhorse listen}
 * reads the folder at every callback. Only plain http URLs to 127.0.0.1 are ever read back, so a
 * file put there by anyone else cannot make the relay send a callback off this machine.
 */
public final class Listeners {
    /** The folder's name inside the state folder. */
    static final String FOLDER = "listeners";

    private static final Pattern NAME = Pattern.compile("(\\d{1,10})-(\\d{1,5})\\.url");
    private static final Pattern LOCAL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d{1,5})/[A-Za-z0-9._~/-]*");

    private final Path dir;

    /** The listeners of the state folder {@code stateFolder}. */
    public Listeners(Path stateFolder) {
        this.dir = stateFolder.resolve(FOLDER);
    }

    /** A receiver that listens: its URL and the process it belongs to. */
    public record Entry(Path file, long pid, URI url) {
        /** Whether the process that wrote it has ended (its file was left behind). */
        boolean orphaned() {
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        }
    }

    /**
     * Records {@code url} (a loopback receiver of this process) as listening; closing the returned
     * registration removes it.
     */
    public Registration add(URI url) throws IOException {
        Matcher m = LOCAL.matcher(url.toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("a listener must be plain http on 127.0.0.1, was " + url);
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(ProcessHandle.current().pid() + "-" + m.group(1) + ".url");
        Path temp = Files.createTempFile(dir, ".listener", ".tmp");
        try {
            Files.writeString(temp, url + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return () -> Files.deleteIfExists(file);
    }

    /** The receivers listening now (files that are not a loopback http URL are skipped). */
    public List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.url")) {
            for (Path file : files) {
                read(file).ifPresent(entries::add);
            }
        }
        return entries;
    }

    /** Removes an entry whose process has ended. */
    void forget(Entry entry) {
        try {
            Files.deleteIfExists(entry.file());
        } catch (IOException e) {
            // Another relay removed it, or the folder is read-only: it is skipped next time as well.
        }
    }

    private static Optional<Entry> read(Path file) {
        Path fileName = file.getFileName();
        if (fileName == null) {
            return Optional.empty();
        }
        Matcher name = NAME.matcher(fileName.toString());
        if (!name.matches()) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.length() > 200 || !LOCAL.matcher(text).matches()) {
                return Optional.empty();
            }
            return Optional.of(new Entry(file, Long.parseLong(name.group(1)), new URI(text)));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // the render ended meanwhile
        } catch (IOException | URISyntaxException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops a render's receiver from being listed. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close() throws IOException;
    }
}

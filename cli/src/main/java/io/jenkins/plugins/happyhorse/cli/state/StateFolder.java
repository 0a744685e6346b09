package io.jenkins.plugins.happyhorse.cli.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The command line's state folder: one JSON file per render under {@code renders/}, named by the
 * render's local id, written whole and moved into place atomically, so a crash never leaves half
 * a record. Only this user reads it (the folders are created {@code rwx------}). It holds no key.
 * Other kinds of state have folders of their own beside {@code renders/} (the render stores for
 * reuse under {@code store/}, see {@link ReuseFolder}), so records keep their shape.
 */
public final class StateFolder {
    /** The records' folder inside the state folder. */
    public static final String RENDERS = "renders";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;

    public StateFolder(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** The folder itself. */
    public Path root() {
        return root;
    }

    /** The folder of render records. */
    public Path renders() {
        return root.resolve(RENDERS);
    }

    /** A new local id: the UTC time and four random hex digits, e.g. {@code 20260101-120000-3f9a}. */
    public static String newId(Instant at) {
        byte[] random = new byte[2];
        RANDOM.nextBytes(random);
        return ID_TIME.format(at) + "-" + HexFormat.of().formatHex(random);
    }

    /** Creates the records' folder if needed (owner-only). */
    public void create() throws IOException {
        Path dir = renders();
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir);
        ownerOnly(root);
        ownerOnly(dir);
    }

    /** Writes {@code record} whole, then moves it into place. */
    public void save(RenderRecord record) throws IOException {
        create();
        byte[] json = MAPPER.writeValueAsBytes(record.toJson());
        Path target = renders().resolve(record.id() + ".json");
        Path temp = Files.createTempFile(renders(), "." + record.id() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(json);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Every readable record, newest first; files that are not records are passed over. */
    public List<RenderRecord> list() throws IOException {
        List<RenderRecord> records = new ArrayList<>();
        if (!Files.isDirectory(renders())) {
            return records;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(renders(), "[!.]*.json")) {
            for (Path file : files) {
                read(file).ifPresent(records::add);
            }
        }
        records.sort(Comparator.comparing(RenderRecord::createdAt)
                .thenComparing(RenderRecord::id)
                .reversed());
        return records;
    }

    /**
     * The record named by {@code name}: its prediction id or its local id, whole or a prefix that
     * names one record alone.
     *
     * @throws AmbiguousNameException when a prefix names several
     */
    public Optional<RenderRecord> find(String name) throws IOException {
        String wanted = name.strip();
        List<RenderRecord> all = list();
        for (RenderRecord r : all) {
            if (wanted.equals(r.predictionId()) || wanted.equals(r.id())) {
                return Optional.of(r);
            }
        }
        List<RenderRecord> prefixed = all.stream()
                .filter(r -> r.id().startsWith(wanted)
                        || (r.predictionId() != null && r.predictionId().startsWith(wanted)))
                .toList();
        if (prefixed.size() > 1 && !wanted.isEmpty()) {
            throw new AmbiguousNameException(wanted, prefixed);
        }
        return prefixed.size() == 1 && !wanted.isEmpty() ? Optional.of(prefixed.get(0)) : Optional.empty();
    }

    /** The newest render that {@code resume} can take up and that no other running command is working on. */
    public Optional<RenderRecord> latestResumable() throws IOException {
        return list().stream()
                .filter(RenderRecord::resumable)
                .filter(r -> !r.ownedByAnotherLiveProcess())
                .findFirst();
    }

    private static Optional<RenderRecord> read(Path file) {
        try {
            JsonNode node = MAPPER.readTree(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            return Optional.of(RenderRecord.fromJson(node));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void ownerOnly(Path dir) {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException e) {
            // Not a POSIX file system, or not ours to change: its own permissions apply.
        }
    }

    /** A prefix that names more than one render. */
    public static final class AmbiguousNameException extends IOException {
        private static final long serialVersionUID = 1L;

        AmbiguousNameException(String prefix, List<RenderRecord> matches) {
            super(prefix + " names " + matches.size() + " renders ("
                    + String.join(
                            ", ",
                            matches.stream().limit(5).map(RenderRecord::handle).toList())
                    + (matches.size() > 5 ? ", …" : "") + "); give more of the id");
        }
    }
}

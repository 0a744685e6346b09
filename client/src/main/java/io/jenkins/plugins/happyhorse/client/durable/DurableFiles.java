package io.jenkins.plugins.happyhorse.client.durable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writing files so that a crash (of the process or of the machine) leaves either the old content
 * or the new one, never a mix: a whole file is written to a temporary file beside it, forced to
 * the disk, and renamed over the old one, and the folder is forced so the rename itself survives;
 * an appended line is forced before the append returns.
 */
public final class DurableFiles {
    /** The suffix of temporary files; a file with it is left over from a crash and may be deleted. */
    public static final String TEMP_SUFFIX = ".tmp";

    private DurableFiles() {}

    /** Replaces {@code file} with {@code content}, atomically where the file system can. */
    public static void replace(Path file, byte[] content) throws IOException {
        Path dir = folderOf(file);
        Path temp = tempBeside(file);
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        forceFolder(dir);
    }

    /**
     * Appends {@code bytes} to {@code file} (created if need be) and forces them to the disk before
     * returning. When the file does not end with a line break (the last line was torn by a crash),
     * one is written first, so the torn fragment stays a line of its own that a reader rejects.
     */
    public static void appendLine(Path file, byte[] bytes) throws IOException {
        boolean created = !Files.exists(file);
        try (FileChannel ch =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer buffer;
            if (size > 0 && !endsWithNewline(ch, size)) {
                buffer = ByteBuffer.allocate(bytes.length + 1);
                buffer.put((byte) '\n');
            } else {
                buffer = ByteBuffer.allocate(bytes.length);
            }
            buffer.put(bytes).flip();
            long position = size;
            while (buffer.hasRemaining()) {
                position += ch.write(buffer, position);
            }
            ch.force(false);
        }
        if (created) {
            forceFolder(folderOf(file));
        }
    }

    /** The folder {@code file} is in; a root has none, and a file is never a root. */
    public static Path folderOf(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null) {
            throw new IOException(file + " is a root, not a file in a folder");
        }
        return dir;
    }

    /** A new, empty temporary file beside {@code file}, named after it, with {@link #TEMP_SUFFIX}. */
    public static Path tempBeside(Path file) throws IOException {
        return Files.createTempFile(folderOf(file), "." + file.toAbsolutePath().getFileName() + ".", TEMP_SUFFIX);
    }

    private static boolean endsWithNewline(FileChannel ch, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        ch.read(last, size - 1);
        return last.get(0) == '\n';
    }

    /** Forces a folder's entries (a created or renamed file) to the disk where the platform can. */
    public static void forceFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open a folder; the rename is still atomic there.
        }
    }
}

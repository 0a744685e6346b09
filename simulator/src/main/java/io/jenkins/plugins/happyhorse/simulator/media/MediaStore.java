package io.jenkins.plugins.happyhorse.simulator.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Uploaded files of both hosts, kept on disk under the simulator's work directory and served
 * by the media origin. Thread-safe.
 */
public final class MediaStore {
    /** The largest image either host accepts. */
    public static final long MAX_IMAGE_BYTES = 20L * 1024 * 1024;
    /** The largest other file a presigned upload accepts. */
    public static final long MAX_OTHER_BYTES = 300L * 1024 * 1024;

    private final Path directory;
    private final URI base;
    private final long seed;
    private final AtomicLong counter = new AtomicLong();
    private final ConcurrentHashMap<String, Upload> uploads = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> completed = new ConcurrentHashMap<>();

    /**
     * @param directory where uploads are stored (created if missing)
     * @param base the media origin, for example {@code http://127.0.0.1:PORT}
     */
    public MediaStore(Path directory, URI base, long seed) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.base = base;
        this.seed = seed;
    }

    /** The media origin's base URI. */
    public URI base() {
        return base;
    }

    /** Announces a presigned upload: the bytes arrive later with {@link #completePut}. */
    public Upload reserve(String filename, long size, String contentType) {
        String token = nextToken();
        String name = sanitise(filename);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("x-sim-upload-signature", signature(token));
        Upload upload = new Upload(
                token,
                name,
                contentType,
                size,
                headers,
                directory.resolve(token),
                downloadUrl(token, name),
                base + "/put/" + token);
        uploads.put(token, upload);
        return upload;
    }

    /**
     * Stores a directly uploaded file (multipart), reading at most {@code limit} bytes.
     *
     * @return the stored upload, or empty when the content is over the limit (nothing is kept)
     */
    public Optional<Upload> store(String filename, String contentType, InputStream content, long limit)
            throws IOException {
        String token = nextToken();
        String name = sanitise(filename);
        Path file = directory.resolve(token);
        Optional<Long> size = copyCapped(content, file, limit);
        if (size.isEmpty()) {
            return Optional.empty();
        }
        Upload upload = new Upload(token, name, contentType, -1, Map.of(), file, downloadUrl(token, name), null);
        uploads.put(token, upload);
        completed.put(token, size.get());
        return Optional.of(upload);
    }

    /**
     * Stores the bytes of a presigned PUT. Returns the size read, or empty when more than
     * {@code limit} bytes arrived (nothing is kept).
     */
    public Optional<Long> completePut(Upload upload, InputStream content, long limit) throws IOException {
        Path part = directory.resolve(upload.token() + ".part");
        Optional<Long> size = copyCapped(content, part, limit);
        if (size.isEmpty()) {
            return size;
        }
        if (size.get() != upload.declaredSize()) {
            Files.deleteIfExists(part);
            return size;
        }
        Files.move(part, upload.file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        completed.put(upload.token(), size.get());
        return size;
    }

    /** The upload with this token, complete or not. */
    public Optional<Upload> find(String token) {
        return Optional.ofNullable(uploads.get(token));
    }

    /** The size of a complete upload; empty while its bytes have not arrived. */
    public Optional<Long> completedSize(String token) {
        return Optional.ofNullable(completed.get(token));
    }

    /** The stored file behind a URL of this media origin, if it names a complete upload. */
    public Optional<Path> fileFor(String url) {
        String prefix = base + "/uploads/";
        if (url == null || !url.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = url.substring(prefix.length());
        int slash = rest.indexOf('/');
        String token = slash < 0 ? rest : rest.substring(0, slash);
        Upload upload = uploads.get(token);
        return upload != null && completed.containsKey(token) ? Optional.of(upload.file()) : Optional.empty();
    }

    private String downloadUrl(String token, String name) {
        return base + "/uploads/" + token + "/" + name;
    }

    private String nextToken() {
        long n = counter.incrementAndGet();
        return String.format(Locale.ROOT, "%016x", Long.reverse((n ^ seed) * 0x9E3779B97F4A7C15L));
    }

    private String signature(String token) {
        return Long.toHexString((token.hashCode() * 0xBF58476D1CE4E5B9L) ^ seed);
    }

    private static String sanitise(String filename) {
        String name = filename == null || filename.isBlank() ? "upload" : filename;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() || name.startsWith(".") ? "upload" + name : name;
    }

    private static Optional<Long> copyCapped(InputStream in, Path target, long limit) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        boolean over = false;
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > limit) {
                    over = true;
                    break;
                }
                out.write(buffer, 0, n);
            }
        }
        if (over) {
            Files.deleteIfExists(target);
            return Optional.empty();
        }
        return Optional.of(total);
    }
}

package io.jenkins.plugins.happyhorse.bench.copy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The yardsticks for file transfers: the same bytes copied over loopback HTTP with nothing but
 * the JDK, the same kind of server the simulator uses ({@code com.sun.net.httpserver}) and a
 * plain blocking {@link HttpURLConnection}, 64 KiB at a time, disk to disk; and the same plain
 * client's transfers to and from any server ({@link #fetch}, {@link #multipartUploads}). Uploads are written
 * to files by the server; downloads are zeros streamed by the server, as the simulator streams
 * its padding, and written to a file by the client, optionally forced to disk at the end as the
 * engine does before it verifies and moves a clip.
 */
public final class PlainCopy implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path directory;
    private final URI base;

    /** Starts the server on 127.0.0.1; uploads land in {@code directory}. */
    public PlainCopy(Path directory) throws IOException {
        this.directory = directory;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread t = new Thread(runnable, "bench-copy-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/upload/", this::receive);
        server.createContext("/download/", this::send);
        server.setExecutor(executor);
        server.start();
        this.base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** PUTs every file in turn; returns the real seconds it took. */
    public double upload(List<Path> files) throws IOException {
        long t0 = System.nanoTime();
        byte[] buffer = new byte[BUFFER];
        int n = 0;
        for (Path file : files) {
            HttpURLConnection put = open(base.resolve("/upload/f" + (n++)), "PUT");
            put.setDoOutput(true);
            put.setFixedLengthStreamingMode(Files.size(file));
            try (InputStream in = Files.newInputStream(file);
                    OutputStream out = put.getOutputStream()) {
                for (int r; (r = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, r);
                }
            }
            expectOk(put);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * GETs {@code bytes} bytes into {@code target}; returns the real seconds it took.
     *
     * @param force whether the file is forced to disk ({@code fsync}) before it counts as written
     */
    public double download(long bytes, Path target, boolean force) throws IOException {
        long t0 = System.nanoTime();
        long total = fetch(base.resolve("/download/" + bytes), target, force);
        if (total != bytes) {
            throw new IOException("received " + total + " of " + bytes + " bytes");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * GETs {@code url} into {@code target} with a plain {@link HttpURLConnection}, 64 KiB at a
     * time; returns the bytes written.
     *
     * @param force whether the file is forced to disk ({@code fsync}) at the end
     */
    public static long fetch(URI url, Path target, boolean force) throws IOException {
        HttpURLConnection get = open(url, "GET");
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        try (InputStream in = get.getInputStream();
                FileChannel channel = FileChannel.open(
                        target,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = Channels.newOutputStream(channel);
            for (int r; (r = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, r);
                total += r;
            }
            if (force) {
                channel.force(false);
            }
        }
        return total;
    }

    /**
     * POSTs each file as a {@code multipart/form-data} body with one part {@code file}, streamed
     * 64 KiB at a time, to {@code url} with this bearer key, as a plain client uploads to Atlas
     * Cloud; returns the real seconds it took.
     */
    public static double multipartUploads(URI url, String apiKey, List<Path> files) throws IOException {
        long t0 = System.nanoTime();
        byte[] buffer = new byte[BUFFER];
        int n = 0;
        for (Path file : files) {
            String boundary = "----plain-copy-" + (n++);
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f" + n
                            + ".png\"\r\nContent-Type: image/png\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            HttpURLConnection post = open(url, "POST");
            post.setDoOutput(true);
            post.setRequestProperty("Authorization", "Bearer " + apiKey);
            post.setRequestProperty("Content-Type", "multipart/form-data; boundary=" + boundary);
            post.setFixedLengthStreamingMode(head.length + Files.size(file) + tail.length);
            try (InputStream in = Files.newInputStream(file);
                    OutputStream out = post.getOutputStream()) {
                out.write(head);
                for (int r; (r = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, r);
                }
                out.write(tail);
            }
            expectOk(post);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            String name = exchange.getRequestURI().getPath().substring("/upload/".length());
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = exchange.getRequestBody();
                    OutputStream out = Files.newOutputStream(directory.resolve(name.replaceAll("[^a-z0-9]", "_")))) {
                for (int r; (r = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, r);
                }
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private void send(HttpExchange exchange) throws IOException {
        try (exchange) {
            long bytes = Long.parseLong(exchange.getRequestURI().getPath().substring("/download/".length()));
            exchange.sendResponseHeaders(200, bytes);
            byte[] zeros = new byte[BUFFER];
            try (OutputStream out = exchange.getResponseBody()) {
                for (long left = bytes; left > 0; ) {
                    int n = (int) Math.min(zeros.length, left);
                    out.write(zeros, 0, n);
                    left -= n;
                }
            }
        }
    }

    private static HttpURLConnection open(URI uri, String method) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(20_000);
        c.setReadTimeout(120_000);
        return c;
    }

    private static void expectOk(HttpURLConnection c) throws IOException {
        int status = c.getResponseCode();
        if (status != 200) {
            throw new IOException(c.getURL().getPath() + " answered HTTP " + status);
        }
        try (InputStream in = c.getInputStream()) {
            in.readAllBytes();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

package io.jenkins.plugins.happyhorse.client.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A tiny loopback stand-in for the three hosts that answers each call from a script: the one
 * reply under test is a damaged body (from {@link JsonMutator}), every other reply is valid, so
 * each case drives one parse through the whole engine. API calls and media calls (presigned PUT,
 * Model Studio's storage POST, clip download) share its single origin, which makes it a strict
 * test of the key rule: the key goes with API calls only, never with media calls, whatever their
 * origin.
 */
final class FuzzHost implements AutoCloseable {
    static final String KEY = "sk-fuzz-51c0ffee5eed";

    /** Which reply of a render is damaged. */
    enum Target {
        UPLOAD,
        SUBMIT,
        POLL,
        HISTORY
    }

    /**
     * One case: which reply is damaged, with what status and body. Polls after the first get a
     * valid final answer, so every case ends quickly.
     */
    record Script(Target target, int status, byte[] body) {}

    static {
        // Without it the JDK server holds each small reply ~40 ms for a delayed ACK (read once per JVM).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] NOT_A_CLIP = "this is not an MP4 file".getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<Instant> clock;
    private final List<String> keyOffApi = new CopyOnWriteArrayList<>();
    private volatile Script script;
    private volatile int polls;
    private volatile JsonNode submitted;
    /**
     * The job id of the case being played, new for each case: the engine never takes a job that
     * another of its renders holds for a lost one, so a reused id would hide the lookup's outcome.
     */
    private volatile String jobId = "pred-0001";

    private int cases;

    FuzzHost(Supplier<Instant> clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fuzz-host");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI waveSpeedBase() {
        return URI.create("http://127.0.0.1:" + port());
    }

    URI atlasBase() {
        return URI.create("http://127.0.0.1:" + port() + "/api/v1");
    }

    /** Model Studio's base URL: the same path as Atlas Cloud's, as on the real hosts. */
    URI modelStudioBase() {
        return URI.create("http://127.0.0.1:" + port() + "/api/v1");
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Arms the next case. */
    void play(Script next) {
        polls = 0;
        submitted = null;
        script = next;
    }

    /** Starts a new case: a new job id for the valid replies, and so for the damaged one. */
    void nextCase() {
        jobId = String.format(java.util.Locale.ROOT, "pred-%04d", ++cases);
    }

    /** Media calls (PUT, download) that carried an Authorization header: must stay empty. */
    List<String> keyOffApi() {
        return List.copyOf(keyOffApi);
    }

    // ---- valid replies, also the starting points of the damaged ones --------------------------

    JsonNode validUpload(ProviderId host) {
        if (host == ProviderId.MODELSTUDIO) {
            ObjectNode data = MAPPER.createObjectNode();
            data.put("upload_host", "http://127.0.0.1:" + port() + "/storage");
            data.put("upload_dir", "dashscope-instant/fuzz/2026-01-01/0001");
            data.put("oss_access_key_id", "LTAI5tFUZZ").put("signature", "c2ln").put("policy", "cG9saWN5");
            data.put("x_oss_object_acl", "private").put("x_oss_forbid_overwrite", "true");
            data.put("max_file_size_mb", 20).put("expire_in_seconds", 300);
            return modelStudio("data", data);
        }
        return validUpload(host == ProviderId.WAVESPEED);
    }

    JsonNode validSubmit(ProviderId host) {
        if (host == ProviderId.MODELSTUDIO) {
            return modelStudio(
                    "output", MAPPER.createObjectNode().put("task_id", jobId).put("task_status", "PENDING"));
        }
        return validSubmit(host == ProviderId.WAVESPEED);
    }

    /** A poll reply saying {@code status} in the host's words: completed, failed or processing. */
    JsonNode validPoll(ProviderId host, String status) {
        if (host != ProviderId.MODELSTUDIO) {
            return validPoll(host == ProviderId.WAVESPEED, status);
        }
        String word =
                switch (status) {
                    case "completed" -> "SUCCEEDED";
                    case "failed" -> "FAILED";
                    default -> "RUNNING";
                };
        ObjectNode output = MAPPER.createObjectNode().put("task_id", jobId).put("task_status", word);
        output.put("submit_time", "2026-01-01 08:00:00.000");
        if (word.equals("SUCCEEDED")) {
            output.put("video_url", "http://127.0.0.1:" + port() + "/clip.mp4");
            output.put("orig_prompt", "A horse gallops along a beach at sunset");
        } else if (word.equals("FAILED")) {
            output.put("code", "InternalError.Algo").put("message", "generation failed");
        }
        ObjectNode root = modelStudio("output", output);
        if (word.equals("SUCCEEDED")) {
            root.putObject("usage")
                    .put("duration", 3)
                    .put("video_count", 1)
                    .put("SR", 720)
                    .put("ratio", "16:9");
        }
        return root;
    }

    JsonNode validHistory(ProviderId host) {
        if (host != ProviderId.MODELSTUDIO) {
            return validHistory();
        }
        ObjectNode root = MAPPER.createObjectNode().put("request_id", "fuzz-request");
        root.putArray("data")
                .addObject()
                .put("task_id", jobId)
                .put("request_id", "fuzz-submit")
                .put("model_name", "happyhorse-1.0-r2v")
                .put("status", "RUNNING")
                .put("gmt_create", clock.get().toEpochMilli());
        return root.put("total", 1).put("total_page", 1).put("page_no", 1).put("page_size", 100);
    }

    private static ObjectNode modelStudio(String field, ObjectNode value) {
        ObjectNode root = MAPPER.createObjectNode().put("request_id", "fuzz-request");
        root.set(field, value);
        return root;
    }

    JsonNode validUpload(boolean waveSpeed) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("download_url", "http://127.0.0.1:" + port() + "/uploads/horse.png");
        if (waveSpeed) {
            ObjectNode upload = data.putObject("upload");
            upload.put("method", "PUT");
            upload.put("url", "http://127.0.0.1:" + port() + "/put/1");
            upload.putObject("headers").put("Content-Type", "image/png");
        } else {
            data.put("type", "image").put("filename", "horse.png").put("size", 64);
        }
        return envelope(data);
    }

    JsonNode validSubmit(boolean waveSpeed) {
        ObjectNode data = MAPPER.createObjectNode().put("id", jobId);
        data.put("status", waveSpeed ? "created" : "starting");
        if (waveSpeed) {
            data.putObject("urls").put("get", waveSpeedBase() + "/api/v3/predictions/" + jobId + "/result");
        }
        return envelope(data);
    }

    JsonNode validPoll(boolean waveSpeed, String status) {
        ObjectNode data = MAPPER.createObjectNode().put("id", jobId);
        data.put("model", "alibaba/happyhorse-1.0/reference-to-video").put("status", status);
        boolean done = status.equals("completed");
        String clip = "http://127.0.0.1:" + port() + "/clip.mp4";
        if (waveSpeed || !done) {
            var outputs = data.putArray("outputs");
            if (done) {
                outputs.add(clip);
            }
        } else {
            data.put("output", clip);
        }
        data.put("error", status.equals("failed") ? "generation failed" : "");
        if (!waveSpeed) {
            if (status.equals("failed")) {
                data.put("error_code", 1001);
            } else {
                data.putNull("error_code");
            }
            data.putObject("metrics").put("predict_time", 1.5);
        } else {
            data.putObject("timings").put("inference", 1500);
            data.putArray("has_nsfw_contents").add(false);
        }
        data.put("created_at", clock.get().toString());
        return envelope(data);
    }

    JsonNode validHistory() {
        ObjectNode data = MAPPER.createObjectNode();
        ObjectNode task = data.putArray("list").addObject();
        task.put("id", jobId).put("model", "alibaba/happyhorse-1.0/reference-to-video");
        task.put("status", "processing").put("created_at", clock.get().toString());
        JsonNode body = submitted;
        ObjectNode input = body instanceof ObjectNode o ? o.deepCopy() : MAPPER.createObjectNode();
        input.remove("model");
        task.set("input", input);
        data.put("total", 1).put("no", 1).put("size", 20);
        return envelope(data);
    }

    private static ObjectNode envelope(ObjectNode data) {
        ObjectNode root = MAPPER.createObjectNode().put("code", 200).put("message", "success");
        root.set("data", data);
        return root;
    }

    // ---- serving ------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readAllBytes();
            }
            boolean api = path.startsWith("/api/");
            if (!api && exchange.getRequestHeaders().containsKey("Authorization")) {
                keyOffApi.add(method + " " + path);
            }
            Script s = script;
            boolean ws = path.startsWith("/api/v3/");
            if (path.equals("/api/v3/media/uploads") || path.equals("/api/v1/model/uploadMedia")) {
                reply(exchange, s, Target.UPLOAD, validUpload(ws));
            } else if (path.startsWith("/put/") || path.equals("/storage")) {
                send(exchange, 200, new byte[0]);
            } else if (path.equals("/api/v1/uploads")) {
                reply(exchange, s, Target.UPLOAD, validUpload(ProviderId.MODELSTUDIO));
            } else if (path.equals("/api/v1/services/aigc/video-generation/video-synthesis")) {
                submitted = parse(request);
                if (s.target == Target.HISTORY) {
                    // A submit reply without a task id: the engine must look the task up in the list.
                    send(exchange, 200, bytes(modelStudio("output", MAPPER.createObjectNode())));
                } else {
                    reply(exchange, s, Target.SUBMIT, validSubmit(ProviderId.MODELSTUDIO));
                }
            } else if (path.startsWith("/api/v1/tasks/")) {
                int n = ++polls;
                if (n == 1 && s.target == Target.POLL) {
                    send(exchange, s.status, s.body);
                } else {
                    send(exchange, 200, bytes(validPoll(ProviderId.MODELSTUDIO, n == 1 ? "completed" : "failed")));
                }
            } else if (path.equals("/api/v1/tasks")) {
                reply(exchange, s, Target.HISTORY, validHistory(ProviderId.MODELSTUDIO));
            } else if (path.equals("/api/v3/alibaba/happyhorse-1.0/reference-to-video")
                    || path.equals("/api/v1/model/generateVideo")) {
                submitted = parse(request);
                if (s.target == Target.HISTORY) {
                    // A submit reply without an id: the engine must look the job up in the history.
                    ObjectNode data = MAPPER.createObjectNode().put("status", "starting");
                    send(exchange, 200, bytes(envelope(data)));
                } else {
                    reply(exchange, s, Target.SUBMIT, validSubmit(ws));
                }
            } else if (path.startsWith("/api/v3/predictions/") || path.startsWith("/api/v1/model/prediction/")) {
                int n = ++polls;
                if (n == 1 && s.target == Target.POLL) {
                    send(exchange, s.status, s.body);
                } else {
                    // One valid final answer ends the case quickly.
                    send(exchange, 200, bytes(validPoll(ws, n == 1 ? "completed" : "failed")));
                }
            } else if (path.startsWith("/api/v1/model/history")) {
                reply(exchange, s, Target.HISTORY, validHistory());
            } else if (path.equals("/clip.mp4")) {
                send(exchange, 200, NOT_A_CLIP);
            } else {
                send(exchange, 404, "{\"code\":404,\"msg\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void reply(HttpExchange exchange, Script s, Target call, JsonNode valid) throws IOException {
        if (s.target == call) {
            send(exchange, s.status, s.body);
        } else {
            send(exchange, 200, bytes(valid));
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        boolean empty = body.length == 0 || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

package io.jenkins.plugins.happyhorse.simulator.wavespeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import io.jenkins.plugins.happyhorse.simulator.http.Binding;
import io.jenkins.plugins.happyhorse.simulator.http.Call;
import io.jenkins.plugins.happyhorse.simulator.http.Dispatcher;
import io.jenkins.plugins.happyhorse.simulator.http.HostStyle;
import io.jenkins.plugins.happyhorse.simulator.http.HttpProblem;
import io.jenkins.plugins.happyhorse.simulator.http.Json;
import io.jenkins.plugins.happyhorse.simulator.http.Reply;
import io.jenkins.plugins.happyhorse.simulator.job.Backend;
import io.jenkins.plugins.happyhorse.simulator.job.Job;
import io.jenkins.plugins.happyhorse.simulator.job.JobState;
import io.jenkins.plugins.happyhorse.simulator.job.ParameterParser;
import io.jenkins.plugins.happyhorse.simulator.media.MediaStore;
import io.jenkins.plugins.happyhorse.simulator.media.MultipartUpload;
import io.jenkins.plugins.happyhorse.simulator.media.Upload;
import io.jenkins.plugins.happyhorse.simulator.webhook.CallbackHost;
import io.jenkins.plugins.happyhorse.simulator.webhook.CallbackTargets;
import io.jenkins.plugins.happyhorse.simulator.webhook.WaveSpeedSigner;
import io.jenkins.plugins.happyhorse.simulator.webhook.WebhookDeliverer;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * WaveSpeed's endpoints under {@code /api/v3}: the presigned and the multipart upload,
 * submission, both polling paths and the webhook secret. A failed job answers HTTP 200 with
 * {@code data.status = "failed"}, as the real host does. A submit with {@code ?webhook=URL} is
 * called back, signed, when the job ends.
 */
public final class WaveSpeedApi {
    /** The largest body the simulator reads on a WaveSpeed route. */
    static final long MAX_BODY = 50L * 1024 * 1024;

    private static final long MAX_JSON = 1024 * 1024;
    private static final String SUBMIT_PATH = "/api/v3/alibaba/happyhorse-1.0/reference-to-video";

    private final Backend backend;
    private final MediaStore media;
    private final URI base;
    private final HostStyle style = new WaveSpeedStyle();
    private final WebhookDeliverer callbacks;
    private final CallbackTargets targets;
    private final WaveSpeedSigner signer;
    private final CallbackHost callbackHost;

    /**
     * @param base this host's base URL ({@code http://127.0.0.1:PORT}), for {@code urls.get}
     * @param callbacks sends the completion callbacks
     * @param targets which callback URLs are accepted
     * @param signer the account's webhook secret and signature
     */
    public WaveSpeedApi(
            Backend backend,
            MediaStore media,
            URI base,
            WebhookDeliverer callbacks,
            CallbackTargets targets,
            WaveSpeedSigner signer) {
        this.backend = backend;
        this.media = media;
        this.base = base;
        this.callbacks = callbacks;
        this.targets = targets;
        this.signer = signer;
        this.callbackHost = new CallbackHost(Host.WAVESPEED, "msg_", this::callbackBody, signer);
    }

    /** The routes this host serves. */
    public List<Binding> bindings() {
        return List.of(
                Binding.of("POST", "/api/v3/media/uploads", Route.WS_UPLOAD, style, true, this::upload),
                Binding.of(
                        "POST", "/api/v3/media/upload/binary", Route.WS_UPLOAD_BINARY, style, true, this::uploadBinary),
                Binding.of("POST", SUBMIT_PATH.replace(".", "\\."), Route.WS_SUBMIT, style, true, this::submit),
                Binding.of(
                        "GET", "/api/v3/predictions/(?<id>[^/]+)/result", Route.WS_RESULT, style, true, this::result),
                Binding.of("GET", "/api/v3/predictions/(?<id>[^/]+)", Route.WS_PREDICTION, style, true, this::result),
                Binding.of("GET", "/api/v3/webhook/secret", Route.WS_WEBHOOK_SECRET, style, true, this::secret));
    }

    /** What other paths under {@code /api/v3} answer. */
    public Dispatcher.Fallback fallback() {
        return new Dispatcher.Fallback("/api/v3/", style, 404, "Not found: no such API path");
    }

    private Reply upload(Call call) throws IOException, HttpProblem {
        JsonNode body = call.readJson(MAX_JSON);
        String filename = text(body, "filename");
        String contentType = text(body, "content_type");
        JsonNode sizeNode = body.get("size");
        if (filename == null) {
            throw new HttpProblem(400, "filename: is required");
        }
        if (contentType == null) {
            throw new HttpProblem(400, "content_type: is required, for example image/png");
        }
        if (sizeNode == null || !sizeNode.isIntegralNumber() || sizeNode.asLong() < 1) {
            throw new HttpProblem(400, "size: must be the file's size in bytes, a positive integer");
        }
        long size = sizeNode.asLong();
        boolean image = contentType.startsWith("image/");
        long limit = image ? MediaStore.MAX_IMAGE_BYTES : MediaStore.MAX_OTHER_BYTES;
        if (size > limit) {
            throw new HttpProblem(
                    400,
                    "size: " + size + " bytes is over the " + limit / (1024 * 1024) + " MB limit"
                            + (image ? " for images" : "; pass larger files as URLs"));
        }
        Upload upload = media.reserve(filename, size, contentType);
        ObjectNode headers = Json.object();
        upload.putHeaders().forEach(headers::put);
        ObjectNode data = Json.object()
                .put("download_url", upload.downloadUrl())
                .put("filename", upload.filename())
                .put("size", size)
                .put("content_type", contentType);
        data.putObject("upload")
                .put("method", "PUT")
                .put("url", upload.putUrl())
                .set("headers", headers);
        return ok(data);
    }

    private Reply uploadBinary(Call call) throws IOException, HttpProblem {
        return ok(MultipartUpload.receive(call, media, MAX_BODY));
    }

    private Reply submit(Call call) throws IOException, HttpProblem {
        JsonNode body = call.readJson(MAX_JSON);
        ParameterParser.Result parsed = ParameterParser.parse(body, Host.WAVESPEED);
        if (!parsed.valid()) {
            throw new HttpProblem(400, parsed.message());
        }
        Optional<String> webhook = call.query("webhook");
        Optional<URI> target = webhook.flatMap(targets::parse);
        if (webhook.isPresent() && target.isEmpty()) {
            // WaveSpeed documents "a public https URL"; how it refuses another is not documented.
            throw new HttpProblem(400, "webhook: must be a public https URL");
        }
        ObjectNode input = ((ObjectNode) body).deepCopy();
        input.remove("model");
        try {
            Job job = backend.submit(Host.WAVESPEED, parsed.parameters(), input);
            target.ifPresent(url -> callbacks.plan(job, url, callbackHost));
            ObjectNode data = prediction(job, job.createdAtSimulated());
            data.put("status", "created"); // a fresh job is always announced as created
            return ok(data);
        } catch (Backend.LimitReachedException e) {
            // The account's level: refused, nothing created or charged (Atlas Cloud's style drops Retry-After).
            throw new HttpProblem(429, e.getMessage(), e.retryAfter());
        } catch (Backend.BalanceExhaustedException e) {
            throw new HttpProblem(402, e.getMessage());
        }
    }

    private Reply result(Call call) throws HttpProblem {
        Job job = backend.jobs()
                .find(call.pathParam("id"), Host.WAVESPEED)
                .orElseThrow(() -> new HttpProblem(404, "prediction not found"));
        job.notePoll();
        Instant realNow = backend.clock().realNow();
        Instant now = backend.clock().simulatedInstantOf(realNow);
        ObjectNode data = prediction(job, now);
        if (job.state(now).terminal()) {
            job.noteFinalStatusSeen(realNow, now);
        }
        return ok(data);
    }

    /** The account's webhook secret, {@code whsec_…} (the shape of this reply is not documented). */
    private Reply secret(Call call) {
        return ok(Json.object().put("secret", signer.secret()));
    }

    /** The callback body: the prediction as {@code GET .../result} shows it, not wrapped in an envelope. */
    private byte[] callbackBody(Job job, Instant at, boolean earlierState) {
        ObjectNode data = prediction(job, at);
        if (earlierState) {
            data.put("status", "processing");
            data.putArray("outputs");
            data.put("error", "");
        }
        return Json.bytes(data);
    }

    private ObjectNode prediction(Job job, Instant now) {
        JobState state = job.state(now);
        ObjectNode data = Json.object()
                .put("id", job.id())
                .put("model", job.parameters().model())
                .put("status", word(state));
        var outputs = data.putArray("outputs");
        if (state == JobState.SUCCEEDED) {
            outputs.add(job.outputUrl());
        }
        data.putObject("urls").put("get", base + "/api/v3/predictions/" + job.id() + "/result");
        var nsfw = data.putArray("has_nsfw_contents");
        if (state == JobState.SUCCEEDED) {
            nsfw.add(false);
        } else if (state == JobState.MODERATED) {
            nsfw.add(true);
        }
        data.put("created_at", job.createdAtSimulated().toString());
        data.put("error", error(state));
        data.putObject("timings")
                .put("inference", state.terminal() ? job.processingTime().toMillis() : 0);
        return data;
    }

    /** WaveSpeed's status words. */
    static String word(JobState state) {
        switch (state) {
            case QUEUED:
                return "created";
            case PROCESSING:
                return "processing";
            case SUCCEEDED:
                return "completed";
            case FAILED:
            case MODERATED:
                return "failed";
            case TIMED_OUT:
                return "timeout";
            case CANCELLED:
                return "cancelled";
            default:
                return "suspended";
        }
    }

    private static String error(JobState state) {
        switch (state) {
            case FAILED:
                return "Generation failed: the model could not render this request";
            case MODERATED:
                return "The input or output was flagged as potentially sensitive content";
            case TIMED_OUT:
                return "The prediction timed out";
            case CANCELLED:
                return "The prediction was cancelled";
            default:
                return "";
        }
    }

    private static Reply ok(ObjectNode data) {
        ObjectNode body = Json.object().put("code", 200).put("message", "success");
        body.set("data", data);
        return Reply.json(200, body);
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    /** The status word a WaveSpeed client sees for a job now. */
    public static String statusWord(Job job, Instant now) {
        return word(job.state(now));
    }
}

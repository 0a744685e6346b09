package io.jenkins.plugins.happyhorse.simulator.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.jenkins.plugins.happyhorse.simulator.webhook.AtlasCloudSigner;
import io.jenkins.plugins.happyhorse.simulator.webhook.CallbackHost;
import io.jenkins.plugins.happyhorse.simulator.webhook.CallbackTargets;
import io.jenkins.plugins.happyhorse.simulator.webhook.WebhookDeliverer;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Atlas Cloud's endpoints under {@code /api/v1}, quirks included: the prediction answers 404
 * (sometimes 400) for a while after submission, a failed job answers either HTTP 200 with
 * {@code error_code} or HTTP 500 whose body still says failed, success is spelled
 * {@code completed} or {@code succeeded}, the output comes as {@code outputs} or
 * {@code output}, and unknown paths answer 401. Which variant a job plays is drawn per job. A
 * submit with {@code webhook_url} (https, at most 1024 characters, else 400 and no charge) is
 * called back once, signed with Ed25519, when the job ends; the public keys are at
 * {@code /api/v1/webhooks/jwks.json}.
 */
public final class AtlasCloudApi {
    /** Atlas Cloud refuses bodies over 50 MB with 413. */
    static final long MAX_BODY = 50L * 1024 * 1024;

    private static final long MAX_JSON = MAX_BODY;
    private static final int MODERATION_ERROR_CODE = 1039;
    private static final int GENERATION_ERROR_CODE = 1001;
    private static final int MAX_PAGE_SIZE = 100;

    private final Backend backend;
    private final MediaStore media;
    private final HostStyle style = new AtlasCloudStyle();
    private final WebhookDeliverer callbacks;
    private final CallbackTargets targets;
    private final AtlasCloudSigner signer;
    private final CallbackHost callbackHost;

    /**
     * @param callbacks sends the completion callbacks
     * @param targets which callback URLs are accepted
     * @param signer the signing keys
     */
    public AtlasCloudApi(
            Backend backend,
            MediaStore media,
            WebhookDeliverer callbacks,
            CallbackTargets targets,
            AtlasCloudSigner signer) {
        this.backend = backend;
        this.media = media;
        this.callbacks = callbacks;
        this.targets = targets;
        this.signer = signer;
        this.callbackHost = new CallbackHost(Host.ATLASCLOUD, "evt_", this::callbackBody, signer);
    }

    /** The routes this host serves. */
    public List<Binding> bindings() {
        return List.of(
                Binding.of("POST", "/api/v1/model/uploadMedia", Route.AC_UPLOAD, style, true, this::upload),
                Binding.of("POST", "/api/v1/model/generateVideo", Route.AC_SUBMIT, style, true, this::submit),
                Binding.of(
                        "GET",
                        "/api/v1/model/prediction/(?<id>[^/]+)",
                        Route.AC_PREDICTION,
                        style,
                        true,
                        this::prediction),
                Binding.of("GET", "/api/v1/model/history", Route.AC_HISTORY, style, true, this::history),
                // Public keys are public: no bearer key needed.
                Binding.of("GET", "/api/v1/webhooks/jwks\\.json", Route.AC_JWKS, style, false, this::jwks));
    }

    /** Any other path under {@code /api/v1} answers 401, as the real host does. */
    public Dispatcher.Fallback fallback() {
        return new Dispatcher.Fallback("/api/v1", style, 401, "Unauthorized");
    }

    private Reply upload(Call call) throws IOException, HttpProblem {
        return ok(MultipartUpload.receive(call, media, MAX_BODY));
    }

    private Reply submit(Call call) throws IOException, HttpProblem {
        JsonNode body = call.readJson(MAX_JSON);
        ParameterParser.Result parsed = ParameterParser.parse(body, Host.ATLASCLOUD);
        if (!parsed.valid()) {
            throw new HttpProblem(400, parsed.message());
        }
        JsonNode webhook = body.get("webhook_url");
        URI target = null;
        if (webhook != null && !webhook.isNull()) {
            target = targets.parse(webhook.isTextual() ? webhook.asText() : null)
                    .orElseThrow(() ->
                            new HttpProblem(400, "webhook_url: must be a public https URL of at most 1024 characters"));
        }
        ObjectNode input = ((ObjectNode) body).deepCopy();
        input.remove("model");
        try {
            Job job = backend.submit(Host.ATLASCLOUD, parsed.parameters(), input);
            if (target != null) {
                callbacks.plan(job, target, callbackHost);
            }
            return ok(Json.object()
                    .put("id", job.id())
                    .put("status", "starting")
                    .put("model", job.parameters().model())
                    .put("created_at", job.createdAtSimulated().toString()));
        } catch (Backend.LimitReachedException e) {
            // The account's level: refused, nothing created or charged (Atlas Cloud's style drops Retry-After).
            throw new HttpProblem(429, e.getMessage(), e.retryAfter());
        } catch (Backend.BalanceExhaustedException e) {
            throw new HttpProblem(402, e.getMessage());
        }
    }

    private Reply prediction(Call call) throws HttpProblem {
        Job job = backend.jobs()
                .find(call.pathParam("id"), Host.ATLASCLOUD)
                .orElseThrow(() -> new HttpProblem(404, "prediction not found"));
        job.notePoll();
        Instant realNow = backend.clock().realNow();
        Instant now = backend.clock().simulatedInstantOf(realNow);
        if (now.isBefore(job.createdAtSimulated().plus(backend.atlasNotFoundWindow()))) {
            // Right after submission the prediction is not visible yet.
            throw job.atlasEarlyStatus() == 400
                    ? new HttpProblem(400, "prediction is not ready yet")
                    : new HttpProblem(404, "prediction not found");
        }
        JobState state = job.state(now);
        ObjectNode data = predictionData(job, state);
        if (state.terminal()) {
            job.noteFinalStatusSeen(realNow, now);
        }
        boolean failed = state == JobState.FAILED || state == JobState.MODERATED;
        if (failed && job.atlasFailsWith500()) {
            ObjectNode body = Json.object()
                    .put("code", 500)
                    .put("msg", data.path("error").asText())
                    .put("request_id", call.requestId());
            body.set("data", data);
            return Reply.json(500, body);
        }
        return ok(data);
    }

    /** The published keys that verify callbacks. */
    private Reply jwks(Call call) {
        return Reply.json(200, signer.jwks());
    }

    /**
     * The callback body. Its shape is not documented; the simulator sends the event name and the
     * prediction as {@code GET /model/prediction/{id}} shows it: {@code {event, data: {id, status, …}}}.
     */
    private byte[] callbackBody(Job job, Instant at, boolean earlierState) {
        ObjectNode data = predictionData(job, earlierState ? JobState.PROCESSING : job.state(at));
        ObjectNode root = Json.object().put("event", earlierState ? "video.task.processing" : "video.task.terminal");
        root.set("data", data);
        return Json.bytes(root);
    }

    private ObjectNode predictionData(Job job, JobState state) {
        ObjectNode data = Json.object()
                .put("id", job.id())
                .put("model", job.parameters().model())
                .put("status", word(job, state));
        boolean done = state == JobState.SUCCEEDED;
        switch (job.atlasOutputForm()) {
            case OUTPUT_STRING:
                if (done) {
                    data.put("output", job.outputUrl());
                } else {
                    data.putNull("output");
                }
                break;
            case OUTPUT_LIST:
                ArrayNode output = data.putArray("output");
                if (done) {
                    output.add(job.outputUrl());
                }
                break;
            default:
                ArrayNode outputs = data.putArray("outputs");
                if (done) {
                    outputs.add(job.outputUrl());
                }
                break;
        }
        switch (state) {
            case FAILED:
                data.put("error", "generation failed: the model could not render this request");
                data.put("error_code", GENERATION_ERROR_CODE);
                break;
            case MODERATED:
                data.put("error", "the request was refused by content moderation");
                data.put("error_code", MODERATION_ERROR_CODE);
                break;
            case TIMED_OUT:
                data.put("error", "the task timed out");
                break;
            case CANCELLED:
                data.put("error", "the task was canceled");
                break;
            default:
                data.putNull("error");
                break;
        }
        ObjectNode metrics = data.putObject("metrics");
        if (state.terminal()) {
            metrics.put("predict_time", job.processingTime().toMillis() / 1000.0);
        }
        data.put("created_at", job.createdAtSimulated().toString());
        if (state.terminal()) {
            data.put("completed_at", job.completesAtSimulated().toString());
        } else {
            data.putNull("completed_at");
        }
        return data;
    }

    private Reply history(Call call) throws HttpProblem {
        int no = positive(call, "no", 1, Integer.MAX_VALUE);
        int size = positive(call, "size", 20, MAX_PAGE_SIZE);
        Optional<String> model = call.query("model").filter(m -> !m.isBlank());
        Optional<String> status = call.query("status").filter(s -> !s.isBlank());
        Instant now = backend.clock().now();
        ArrayNode list = Json.MAPPER.createArrayNode();
        long total = 0;
        long skip = (long) (no - 1) * size;
        for (Job job : backend.jobs().newestFirst(Host.ATLASCLOUD)) {
            if (model.isPresent() && !model.get().equals(job.parameters().model())) {
                continue;
            }
            String word = word(job, job.state(now));
            if (status.isPresent() && !status.get().equals(word)) {
                continue;
            }
            total++;
            if (total > skip && list.size() < size) {
                ObjectNode item = list.addObject()
                        .put("id", job.id())
                        .put("model", job.parameters().model())
                        .put("status", word)
                        .put("created_at", job.createdAtSimulated().toString());
                item.set("input", job.input());
            }
        }
        ObjectNode data = Json.object();
        data.set("list", list);
        data.put("total", total).put("no", no).put("size", size);
        return ok(data);
    }

    private static int positive(Call call, String name, int dflt, int max) throws HttpProblem {
        Optional<String> raw = call.query(name);
        if (raw.isEmpty() || raw.get().isBlank()) {
            return dflt;
        }
        try {
            int value = Integer.parseInt(raw.get().trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HttpProblem(400, name + ": must be an integer from 1 to " + max);
    }

    /** Atlas Cloud's status word for a job in this state. */
    static String word(Job job, JobState state) {
        switch (state) {
            case QUEUED:
                return "starting";
            case PROCESSING:
                return "processing";
            case SUCCEEDED:
                return job.atlasSaysSucceeded() ? "succeeded" : "completed";
            case FAILED:
            case MODERATED:
                return "failed";
            case TIMED_OUT:
                return "timeout";
            case CANCELLED:
                return job.atlasSpellsCanceled() ? "canceled" : "cancelled";
            default:
                return "suspended";
        }
    }

    /** The status word an Atlas Cloud client sees for a job now. */
    public static String statusWord(Job job, Instant now) {
        return word(job, job.state(now));
    }

    private static Reply ok(ObjectNode data) {
        ObjectNode body = Json.object().put("code", 200).put("message", "success");
        body.set("data", data);
        return Reply.json(200, body);
    }
}

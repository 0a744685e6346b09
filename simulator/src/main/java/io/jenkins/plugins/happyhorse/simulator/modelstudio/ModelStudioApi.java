package io.jenkins.plugins.happyhorse.simulator.modelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
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
import io.jenkins.plugins.happyhorse.simulator.media.OutputRules;
import io.jenkins.plugins.happyhorse.simulator.time.SimulatedClock;
import io.jenkins.plugins.happyhorse.simulator.video.FrameSource;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Model Studio's endpoints under {@code /api/v1}: the asynchronous submit, the task query and
 * the temporary-storage policy, plus the separate storage origin the policy points at. See the
 * package documentation for what each plays and where it comes from.
 */
public final class ModelStudioApi {
    /** How long a task id answers before it reads {@code UNKNOWN} [doc]. */
    public static final Duration TASK_LIFETIME = Duration.ofHours(24);
    /** How long a {@code video_url} can be downloaded after the task ends [doc: 24 h; guess: from the end]. */
    public static final Duration VIDEO_URL_LIFETIME = Duration.ofHours(24);
    /** Task queries allowed per second per account [doc]. */
    public static final int DEFAULT_QUERY_LIMIT = 20;
    /** Policy requests allowed per second per account and model [doc]. */
    static final int POLICY_LIMIT = 100;

    static final String SUBMIT_PATH = "/api/v1/services/aigc/video-generation/video-synthesis";
    private static final long MAX_JSON = 6L * 1024 * 1024;
    /** Task times as the host prints them, {@code 2025-09-29 14:18:52.331} [doc]; Beijing time [guess]. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.ofHours(8));
    /** Times of the task list's filters [guess]. */
    private static final DateTimeFormatter LIST_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.ofHours(8));

    private final Backend backend;
    private final SimulatedClock clock;
    private final TemporaryStorage storage;
    private final StorageOrigin storageOrigin;
    private final URI storageBase;
    private final byte[] apiKey;
    private final byte[] otherRegionKey;
    private final QueryLimiter taskQueries;
    private final ConcurrentHashMap<String, QueryLimiter> policyQueries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> submitRequestIds = new ConcurrentHashMap<>();
    private final HostStyle style = new ModelStudioStyle();

    /**
     * @param workDirectory where temporary-storage files are kept
     * @param apiKey the key this host accepts
     * @param otherRegionKey a key of the same account in another region, refused as invalid, or null
     * @param queryLimit task queries per simulated second (0: no limit)
     * @param storageBase the storage origin, {@code upload_host} in every policy
     */
    public ModelStudioApi(
            Backend backend,
            Path workDirectory,
            String apiKey,
            String otherRegionKey,
            int queryLimit,
            URI storageBase,
            long seed)
            throws IOException {
        this.backend = backend;
        this.clock = backend.clock();
        this.storage = new TemporaryStorage(workDirectory, apiKey, seed);
        this.storageOrigin = new StorageOrigin(storage, clock, backend.stats());
        this.storageBase = storageBase;
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        this.otherRegionKey = otherRegionKey == null ? null : otherRegionKey.getBytes(StandardCharsets.UTF_8);
        this.taskQueries = new QueryLimiter(queryLimit);
    }

    /** The routes of the API origin. They check the key themselves, to answer in the host's words. */
    public List<Binding> bindings() {
        return List.of(
                Binding.of(
                        "POST",
                        SUBMIT_PATH.replace(".", "\\."),
                        Route.MS_SUBMIT,
                        style,
                        false,
                        call -> answer(call, this::submit)),
                Binding.of(
                        "GET",
                        "/api/v1/tasks/(?<id>[^/]+)",
                        Route.MS_TASK,
                        style,
                        false,
                        call -> answer(call, this::task)),
                Binding.of("GET", "/api/v1/tasks", Route.MS_TASKS, style, false, call -> answer(call, this::list)),
                Binding.of(
                        "GET", "/api/v1/uploads", Route.MS_POLICY, style, false, call -> answer(call, this::policy)));
    }

    /** What other paths of this host answer [3rd: "url error, please check url!" with InvalidParameter]. */
    public List<Dispatcher.Fallback> fallbacks() {
        List<Dispatcher.Fallback> fallbacks = new ArrayList<>();
        for (String prefix : List.of("/api/v1/services/", "/api/v1/tasks", "/api/v1/uploads")) {
            fallbacks.add(new Dispatcher.Fallback(prefix, style, 400, "url error, please check url!"));
        }
        return fallbacks;
    }

    /** The storage origin's routes. */
    public List<Binding> storageBindings() {
        return storageOrigin.bindings();
    }

    /** What the storage origin answers to anything but its POST. */
    public Dispatcher.Fallback storageFallback() {
        return storageOrigin.fallback();
    }

    /**
     * How this host's clips are made and served: {@code oss://} images read from temporary
     * storage, the watermark unless {@code watermark: false} was sent, and output links that
     * expire 24 hours (simulated) after the task ends.
     */
    public OutputRules outputRules() {
        return new OutputRules() {
            @Override
            public Optional<Path> imageFile(String url) {
                return storage.find(url).map(StoredObject::file);
            }

            @Override
            public FrameSource decorate(Job job, FrameSource source) {
                return job.host() == Host.MODELSTUDIO && watermarked(job) ? Watermark.over(source) : source;
            }

            @Override
            public boolean expired(Job job, Instant now) {
                return job.host() == Host.MODELSTUDIO
                        && !now.isBefore(job.completesAtSimulated().plus(VIDEO_URL_LIFETIME));
            }
        };
    }

    /** Whether a Model Studio job's clip carries the mark: unless {@code parameters.watermark} was false. */
    static boolean watermarked(Job job) {
        JsonNode flag = job.input().path("parameters").path("watermark");
        return !flag.isBoolean() || flag.asBoolean();
    }

    /** The {@code task_status} a client sees for a Model Studio job now. */
    public static String statusWord(Job job, Instant now) {
        if (!now.isBefore(job.createdAtSimulated().plus(TASK_LIFETIME))) {
            return "UNKNOWN";
        }
        return word(job.state(now));
    }

    @FunctionalInterface
    private interface Handler {
        Reply handle(Call call) throws ModelStudioError, HttpProblem, IOException;
    }

    private Reply answer(Call call, Handler handler) throws HttpProblem, IOException {
        try {
            return handler.handle(call);
        } catch (ModelStudioError error) {
            return error.reply(call);
        }
    }

    private void authenticate(Call call) throws ModelStudioError {
        String value = call.header("Authorization");
        byte[] presented = value != null && value.regionMatches(true, 0, "Bearer ", 0, 7)
                ? value.substring(7).trim().getBytes(StandardCharsets.UTF_8)
                : null;
        if (presented != null && MessageDigest.isEqual(presented, apiKey)) {
            return;
        }
        backend.stats().authenticationFailure();
        if (presented != null && otherRegionKey != null && MessageDigest.isEqual(presented, otherRegionKey)) {
            // A key of another region reads as invalid here: keys, models and endpoints are per region [doc].
            backend.stats().otherRegionKey();
        }
        throw new ModelStudioError(401, ModelStudioStyle.INVALID_API_KEY, ModelStudioStyle.INVALID_API_KEY_MESSAGE);
    }

    private Reply submit(Call call) throws ModelStudioError, HttpProblem, IOException {
        authenticate(call);
        if (!"enable".equalsIgnoreCase(trimmed(call.header("X-DashScope-Async")))) {
            // This model only runs asynchronously [doc: message; 3rd: status 403 and code AccessDenied].
            throw new ModelStudioError(403, "AccessDenied", "current user api does not support synchronous calls");
        }
        JsonNode body = call.readJson(MAX_JSON);
        SubmissionParser.Submission submission = SubmissionParser.parse(body);
        Instant now = clock.now();
        checkTemporaryFiles(
                submission.parameters().images(),
                submission.parameters().model(),
                "enable".equalsIgnoreCase(trimmed(call.header("X-DashScope-OssResourceResolve"))),
                now);
        ObjectNode input = ((ObjectNode) body).deepCopy();
        input.remove("model");
        JsonNode sent = input.get("parameters");
        ObjectNode parameters = sent instanceof ObjectNode ? (ObjectNode) sent : input.putObject("parameters");
        parameters.put("watermark", submission.watermark());
        Job job;
        try {
            job = backend.submit(Host.MODELSTUDIO, submission.parameters(), input);
        } catch (Backend.LimitReachedException e) {
            // The account's level, in the host's throttling words; no Retry-After, as for its other limits.
            throw new ModelStudioError(
                    429,
                    ModelStudioStyle.RATE_QUOTA,
                    "Requests rate limit exceeded, please try" + " again later. " + e.getMessage());
        } catch (Backend.BalanceExhaustedException e) {
            throw new ModelStudioError(
                    400, "Arrearage", "Access denied, please make sure your account is in good standing.");
        }
        String requestId = ModelStudioStyle.requestId(call);
        submitRequestIds.put(job.id(), requestId);
        ObjectNode reply = Json.object().put("request_id", requestId);
        reply.putObject("output").put("task_id", job.id()).put("task_status", "PENDING");
        return Reply.json(200, reply);
    }

    /**
     * An {@code oss://} image needs the resolve header [doc], and must name a file this account
     * uploaded for this model less than 48 hours ago [doc]. The host's words for each refusal are
     * [guess]; a refusal is synchronous here, before any charge.
     */
    private void checkTemporaryFiles(List<String> images, String model, boolean resolve, Instant now)
            throws ModelStudioError {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            String url = images.get(i);
            if (!url.startsWith("oss://")) {
                continue;
            }
            String field = "input.media[" + i + "].url";
            if (!resolve) {
                problems.add(field + ": an oss:// URL needs the header X-DashScope-OssResourceResolve: enable");
                continue;
            }
            Optional<StoredObject> object = storage.find(url);
            if (object.isEmpty()) {
                problems.add(field + ": no temporary file " + url + " exists for this account");
            } else if (!object.get().model().equals(model)) {
                problems.add(field + ": " + url + " was uploaded for model "
                        + object.get().model() + " and cannot be used with " + model);
            } else if (TemporaryStorage.expired(object.get(), now)) {
                problems.add(field + ": " + url + " has expired; temporary files live 48 hours");
            }
        }
        if (!problems.isEmpty()) {
            throw ModelStudioError.invalidParameter(String.join("; ", problems));
        }
    }

    private Reply task(Call call) throws ModelStudioError {
        authenticate(call);
        Instant realNow = clock.realNow();
        Instant now = clock.simulatedInstantOf(realNow);
        Optional<String> throttled = taskQueries.admit(now);
        if (throttled.isPresent()) {
            backend.stats().throttled();
            throw throttling(throttled.get());
        }
        String id = call.pathParam("id");
        ObjectNode reply = Json.object().put("request_id", ModelStudioStyle.requestId(call));
        Optional<Job> found = backend.jobs()
                .find(id, Host.MODELSTUDIO)
                .filter(job -> now.isBefore(job.createdAtSimulated().plus(TASK_LIFETIME)));
        if (found.isEmpty()) {
            // Never issued, or older than 24 hours: the host no longer knows it [doc].
            reply.putObject("output").put("task_id", id).put("task_status", "UNKNOWN");
            return Reply.json(200, reply);
        }
        Job job = found.get();
        job.notePoll();
        JobState state = job.state(now);
        if (state.terminal()) {
            job.noteFinalStatusSeen(realNow, now);
        }
        ObjectNode output = reply.putObject("output")
                .put("task_id", job.id())
                .put("task_status", word(state))
                .put("submit_time", TIME.format(job.createdAtSimulated()));
        if (state != JobState.QUEUED) {
            // The simulated job counts as queued for its first fifth, like every host's.
            output.put(
                    "scheduled_time",
                    TIME.format(
                            job.createdAtSimulated().plus(job.processingTime().dividedBy(5))));
        }
        if (state.terminal()) {
            output.put("end_time", TIME.format(job.completesAtSimulated()));
        }
        switch (state) {
            case SUCCEEDED:
                output.put("orig_prompt", job.parameters().prompt());
                output.put("video_url", videoUrl(job));
                reply.putObject("usage")
                        .put("duration", job.parameters().durationSeconds())
                        .put("video_count", 1)
                        .put("SR", job.parameters().is1080p() ? 1080 : 720)
                        .put("ratio", job.parameters().aspectRatio());
                break;
            case FAILED:
                failure(output, "InternalError.Algo", "Generation failed: the model could not render this request.");
                break;
            case MODERATED:
                if (job.outcome() == Outcome.IP_INFRINGEMENT) {
                    failure(
                            output,
                            "IPInfringementSuspect",
                            "Input data is suspected of being involved in IP infringement.");
                } else {
                    failure(output, "DataInspectionFailed", "Input data may contain inappropriate content.");
                }
                break;
            case TIMED_OUT:
                failure(output, "InternalError.Timeout", "The task timed out.");
                break;
            default:
                break;
        }
        return Reply.json(200, reply);
    }

    /**
     * The account's recent tasks, newest first [client: the SDK's {@code list} and the reply it
     * parses]. Filters {@code start_time}/{@code end_time} ({@code yyyyMMddHHmmss}, Beijing time;
     * default the last 24 hours), {@code model_name}, {@code status}, {@code task_id}; pages
     * {@code page_no} (from 1) of {@code page_size} (default 10, at most 100) [guess: formats and
     * defaults]. The items carry no input, so a lost submit can only be found by model and time.
     */
    private Reply list(Call call) throws ModelStudioError {
        authenticate(call);
        Instant now = clock.now();
        Instant end = listTime(call, "end_time").orElse(now);
        Instant start = listTime(call, "start_time").orElse(end.minus(TASK_LIFETIME));
        int pageNo = listNumber(call, "page_no", 1, Integer.MAX_VALUE);
        int pageSize = listNumber(call, "page_size", 10, 100);
        Optional<String> model = call.query("model_name").filter(m -> !m.isBlank());
        Optional<String> status = call.query("status").filter(m -> !m.isBlank());
        Optional<String> taskId = call.query("task_id").filter(m -> !m.isBlank());
        ArrayNode data = Json.MAPPER.createArrayNode();
        long total = 0;
        long skip = (long) (pageNo - 1) * pageSize;
        for (Job job : backend.jobs().newestFirst(Host.MODELSTUDIO)) {
            Instant created = job.createdAtSimulated();
            String word = statusWord(job, now);
            if (created.isBefore(start)
                    || created.isAfter(end)
                    || word.equals("UNKNOWN")
                    || model.filter(m -> !m.equals(job.parameters().model())).isPresent()
                    || status.filter(w -> !w.equals(word)).isPresent()
                    || taskId.filter(id -> !id.equals(job.id())).isPresent()) {
                continue;
            }
            total++;
            if (total > skip && data.size() < pageSize) {
                JobState state = job.state(now);
                ObjectNode item = data.addObject()
                        .put("task_id", job.id())
                        .put("request_id", submitRequestIds.getOrDefault(job.id(), ""))
                        .put("model_name", job.parameters().model())
                        .put("status", word)
                        .put("gmt_create", created.toEpochMilli());
                if (state != JobState.QUEUED) {
                    item.put(
                            "start_time",
                            created.plus(job.processingTime().dividedBy(5)).toEpochMilli());
                }
                if (state.terminal()) {
                    item.put("end_time", job.completesAtSimulated().toEpochMilli());
                }
            }
        }
        ObjectNode reply = Json.object().put("request_id", ModelStudioStyle.requestId(call));
        reply.set("data", data);
        reply.put("total", total)
                .put("total_page", (total + pageSize - 1) / pageSize)
                .put("page_no", pageNo)
                .put("page_size", pageSize);
        return Reply.json(200, reply);
    }

    private static Optional<Instant> listTime(Call call, String name) throws ModelStudioError {
        Optional<String> raw = call.query(name).filter(v -> !v.isBlank());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LIST_TIME.parse(raw.get().trim(), Instant::from));
        } catch (DateTimeParseException e) {
            throw ModelStudioError.invalidParameter(
                    name + ": '" + raw.get() + "' is not a time; use yyyyMMddHHmmss, for example 20260101093000");
        }
    }

    private static int listNumber(Call call, String name, int dflt, int max) throws ModelStudioError {
        Optional<String> raw = call.query(name).filter(v -> !v.isBlank());
        if (raw.isEmpty()) {
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
        throw ModelStudioError.invalidParameter(
                name + ": '" + raw.get() + "' is not allowed; use an integer from 1 to " + max);
    }

    private Reply policy(Call call) throws ModelStudioError {
        authenticate(call);
        String action = call.query("action").orElse("");
        if (!action.equals("getPolicy")) {
            throw ModelStudioError.invalidParameter("action: '" + action + "' is not supported; use getPolicy");
        }
        String model = call.query("model").orElse("");
        if (model.isBlank()) {
            throw ModelStudioError.invalidParameter("model: is required; name the model the file is for");
        }
        if (!SubmissionParser.MODELS.contains(model)) {
            throw ModelStudioError.invalidParameter("Model not exist.");
        }
        Instant now = clock.now();
        Optional<String> throttled = policyQueries
                .computeIfAbsent(model, m -> new QueryLimiter(POLICY_LIMIT))
                .admit(now);
        if (throttled.isPresent()) {
            backend.stats().throttled();
            throw throttling(throttled.get());
        }
        UploadPolicy policy = storage.issue(model, now);
        ObjectNode reply = Json.object().put("request_id", ModelStudioStyle.requestId(call));
        reply.putObject("data")
                .put("policy", policy.policy())
                .put("signature", policy.signature())
                .put("upload_dir", policy.uploadDir())
                .put("upload_host", storageBase.toString())
                .put("expire_in_seconds", TemporaryStorage.POLICY_LIFETIME.toSeconds())
                .put("max_file_size_mb", policy.maxFileSizeMb())
                .put("capacity_limit_mb", 999_999_999)
                .put("oss_access_key_id", policy.accessKeyId())
                .put("x_oss_object_acl", TemporaryStorage.OBJECT_ACL)
                .put("x_oss_forbid_overwrite", TemporaryStorage.FORBID_OVERWRITE);
        return Reply.json(200, reply);
    }

    /** A signed-looking object storage link on the media origin; {@code Expires} is when it stops working. */
    private String videoUrl(Job job) {
        long expires = job.completesAtSimulated().plus(VIDEO_URL_LIFETIME).getEpochSecond();
        return job.outputUrl() + "?Expires=" + expires + "&OSSAccessKeyId=" + storage.accessKeyId() + "&Signature="
                + Integer.toHexString(job.id().hashCode());
    }

    private static void failure(ObjectNode output, String code, String message) {
        output.put("code", code).put("message", message);
    }

    private static ModelStudioError throttling(String code) {
        String message = code.equals(ModelStudioStyle.BURST_RATE)
                ? "Request rate increased too quickly, please try again later."
                : "Requests rate limit exceeded, please try again later.";
        return new ModelStudioError(429, code, message);
    }

    /** Model Studio's six task states [doc]; a job that never ends reads SUSPENDED [client: a state the SDK knows]. */
    static String word(JobState state) {
        switch (state) {
            case QUEUED:
                return "PENDING";
            case PROCESSING:
                return "RUNNING";
            case SUCCEEDED:
                return "SUCCEEDED";
            case FAILED:
            case MODERATED:
            case TIMED_OUT:
                return "FAILED";
            case CANCELLED:
                return "CANCELED";
            default:
                return "SUSPENDED";
        }
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }
}

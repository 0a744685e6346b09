package io.jenkins.plugins.happyhorse.client.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.client.error.JobFailedException;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.http.Failures;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.http.HttpCall;
import io.jenkins.plugins.happyhorse.client.http.HttpReply;
import io.jenkins.plugins.happyhorse.client.http.MultipartFileProducer;
import io.jenkins.plugins.happyhorse.client.http.SubmitReplyLostException;
import io.jenkins.plugins.happyhorse.client.http.Verdict;
import io.jenkins.plugins.happyhorse.client.job.Prediction;
import io.jenkins.plugins.happyhorse.client.job.PredictionStatus;
import io.jenkins.plugins.happyhorse.client.spec.ImageSource.LocalImage;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Atlas Cloud ({@code https://api.atlascloud.ai/api/v1}): multipart uploads, a flat {@code POST
 * /model/generateVideo}, {@code GET /model/prediction/{id}} polls, a {@code GET /model/history}
 * listing and Ed25519-signed completion callbacks ({@link Webhook}). Its quirks: a failed job may answer HTTP 5xx whose body still says {@code failed} (the
 * body is read before a 5xx counts as an outage); a fresh job answers 400/404 for about 30 s;
 * success is {@code completed} or {@code succeeded}; the output is under {@code outputs} or {@code
 * output} (a string or a list); {@code error_code} 1039 means refused by moderation.
 */
public final class AtlasCloudProvider extends HostProvider {

    static final String UPLOAD_PATH = "/model/uploadMedia";
    static final String SUBMIT_PATH = "/model/generateVideo";
    static final String PREDICTION_PATH = "/model/prediction/%s";

    /** How long after submission a 400/404 means "not visible yet" rather than "no such job". */
    public static final Duration NOT_VISIBLE_WINDOW = Duration.ofSeconds(45);

    static final String MODERATION_CODE = "1039";

    /** What to do when an upload's reply cannot be used: nothing was submitted yet. */
    private static final String UPLOAD_ADVICE =
            " Nothing was submitted: render again later, or pass the images as https URLs instead of files.";
    /** What to do when a reply about a submitted job cannot be used: the job may still finish. */
    static final String WAIT_ADVICE = " The job may still finish: resume the render later from its checkpoint"
            + " (resuming never submits again), or check the Atlas Cloud dashboard.";

    /**
     * The submit body's field names and spellings (one place, so a correction touches nothing
     * else). Third-party code spells {@code ratio} and {@code 720P}; the documented spelling is
     * the default.
     */
    static final class Fields {
        static final String MODEL = "model";
        static final String IMAGES = "images";
        static final String PROMPT = "prompt";
        static final String RESOLUTION = "resolution";
        static final String ASPECT_RATIO = "aspect_ratio";
        static final String ASPECT_RATIO_ALTERNATIVE = "ratio";
        static final String DURATION = "duration";
        static final String SEED = "seed";
        static final Function<String, String> RESOLUTION_SPELLING = r -> r.toLowerCase(Locale.ROOT);

        private Fields() {}
    }

    /**
     * Its completion callbacks. Asked for with the body field {@code webhook_url} (public https, at
     * most 1024 characters; refused with 400 and no charge otherwise) [doc]; one POST when the job
     * ends, with {@code X-AtlasCloud-Webhook-Event} [doc]. How they are signed is known only from
     * third-party code [3rd]: Ed25519 over {@code {timestamp}.{raw body}}, the signature base64url
     * in {@code X-AtlasCloud-Webhook-Signature-Ed25519}, with {@code -Key-Id}, {@code -Timestamp}
     * (Unix seconds, 300 s freshness) and {@code -Id}; the public keys a JWKS at {@code
     * /webhooks/jwks.json} under the API base. The body's shape is not documented: the prediction id
     * is read from {@code data.id}, else {@code id} [guess]. A hex HMAC header said to be sent during
     * a migration is ignored.
     *
     * <p><b>How sure this is.</b> Documented by Atlas Cloud: the field, its limits, one POST at the
     * end. Seen only in third-party code, never checked against a real callback: the algorithm, the
     * signed message, the four header names, the base64url encoding, the JWKS path and its {@code
     * OKP}/{@code Ed25519} keys with {@code kid} and {@code x}, the 300 s window. Guessed: the body's
     * shape. Each of these lives in this class alone, so a correction touches nothing else. If one
     * is wrong, every Atlas Cloud callback is refused (unknown sender, unknown key, bad signature or
     * malformed, each with that reason in the receiver's log) and renders complete by the safety
     * poll: a wrong fact costs detection speed, never a clip, a charge or a hung render. The first
     * real callback settles it; {@code docs/design/wire-formats.md} keeps the list.
     */
    static final class Webhook {
        static final String BODY_FIELD = "webhook_url";
        static final String SIGNATURE = "X-AtlasCloud-Webhook-Signature-Ed25519";
        static final String KEY_ID = "X-AtlasCloud-Webhook-Key-Id";
        static final String TIMESTAMP = "X-AtlasCloud-Webhook-Timestamp";
        static final String ID = "X-AtlasCloud-Webhook-Id";
        static final String JWKS_PATH = "/webhooks/jwks.json";

        private Webhook() {}
    }

    static final Map<String, PredictionStatus> STATUSES = Map.ofEntries(
            Map.entry("starting", PredictionStatus.QUEUED),
            Map.entry("created", PredictionStatus.QUEUED),
            Map.entry("queued", PredictionStatus.QUEUED),
            Map.entry("pending", PredictionStatus.QUEUED),
            Map.entry("processing", PredictionStatus.PROCESSING),
            Map.entry("running", PredictionStatus.PROCESSING),
            Map.entry("completed", PredictionStatus.SUCCEEDED),
            Map.entry("succeeded", PredictionStatus.SUCCEEDED),
            Map.entry("failed", PredictionStatus.FAILED),
            Map.entry("error", PredictionStatus.FAILED),
            Map.entry("canceled", PredictionStatus.CANCELLED),
            Map.entry("cancelled", PredictionStatus.CANCELLED),
            Map.entry("timeout", PredictionStatus.TIMED_OUT));

    private static final Set<PredictionStatus> FAILURES =
            Set.of(PredictionStatus.FAILED, PredictionStatus.CANCELLED, PredictionStatus.TIMED_OUT);

    private final HostWebhooks webhooks;

    public AtlasCloudProvider(URI baseUrl) {
        super(ProviderId.ATLASCLOUD, baseUrl);
        this.webhooks = new AtlasCloudWebhooks(baseUrl);
    }

    @Override
    public Optional<HostWebhooks> webhooks() {
        return Optional.of(webhooks);
    }

    /** One multipart POST of the file, as read when the spec was parsed. */
    @Override
    public CompletableFuture<URI> upload(HostSession session, String model, LocalImage image) {
        String fileName = UploadNames.of(image);
        String what = "upload " + fileName;
        return session.call(
                what,
                () -> HttpCall.api(
                        "POST",
                        session.api(UPLOAD_PATH),
                        () -> MultipartFileProducer.create(
                                "file",
                                fileName,
                                image.facts().format().mediaType(),
                                image.path(),
                                image.facts().bytes())),
                reply -> {
                    if (!reply.isSuccess()) {
                        return statusVerdict(session, reply, what);
                    }
                    JsonNode data = Json.object(Json.parseOrNull(reply), "data");
                    if (data == null) {
                        return garbled(session, reply, what, UPLOAD_ADVICE);
                    }
                    String url = Json.text(data, "download_url");
                    if (url == null) {
                        return Verdict.fail(new ProtocolException("Atlas Cloud's upload reply has no"
                                + " data.download_url." + requestId(session, reply) + UPLOAD_ADVICE));
                    }
                    try {
                        return Verdict.success(new URI(url));
                    } catch (URISyntaxException e) {
                        return Verdict.fail(new ProtocolException("Atlas Cloud's upload reply holds an invalid URL."
                                + requestId(session, reply) + UPLOAD_ADVICE));
                    }
                });
    }

    @Override
    public CompletableFuture<String> submit(HostSession session, String model, SubmittedInput input) {
        return submit(session, model, input, null);
    }

    /** The submit, with {@code webhook_url} when a callback is asked for. */
    @Override
    public CompletableFuture<String> submit(HostSession session, String model, SubmittedInput input, URI callback) {
        ObjectNode body = submitBody(model, input);
        if (callback != null) {
            body.put(Webhook.BODY_FIELD, callback.toString());
        }
        return session.send(HttpCall.api("POST", session.api(SUBMIT_PATH), Json.body(body)))
                .handle((reply, error) -> {
                    if (error != null) {
                        throw Submits.transportFailure(session, Failures.unwrap(error));
                    }
                    if (reply.isSuccess()) {
                        JsonNode root = Json.parseOrNull(reply);
                        String id = Json.text(Json.object(root, "data"), "id");
                        if (id == null) {
                            // One seed page shows the id at the top level.
                            id = Json.text(root, "id");
                        }
                        if (id == null) {
                            throw new SubmitReplyLostException(
                                    "Atlas Cloud accepted the submit but its reply has no job id", null);
                        }
                        return id;
                    }
                    if (reply.status() >= 500) {
                        throw new SubmitReplyLostException(
                                "Atlas Cloud answered the submit with HTTP " + reply.status(), null);
                    }
                    throw Submits.refusal(session, reply, reply.status(), message(reply), "submit the render");
                });
    }

    /** The flat submit body; field names from {@link Fields}. */
    static ObjectNode submitBody(String model, SubmittedInput input) {
        ObjectNode body = Json.object();
        body.put(Fields.MODEL, model);
        body.put(Fields.PROMPT, input.prompt());
        ArrayNode images = body.putArray(Fields.IMAGES);
        input.images().forEach(images::add);
        body.put(Fields.RESOLUTION, Fields.RESOLUTION_SPELLING.apply(input.resolution()));
        body.put(Fields.ASPECT_RATIO, input.aspectRatio());
        body.put(Fields.DURATION, input.duration());
        if (input.seed() != null) {
            body.put(Fields.SEED, input.seed());
        }
        return body;
    }

    @Override
    public CompletableFuture<Prediction> poll(HostSession session, String predictionId, Instant acceptedAt) {
        String what = "report on prediction " + predictionId;
        URI url = session.api(String.format(Locale.ROOT, PREDICTION_PATH, Submits.pathSegment(predictionId)));
        // When each attempt was sent: the host judged the job's age then, not when the reply came.
        Instant[] sentAt = new Instant[1];
        return session.call(
                what,
                () -> {
                    sentAt[0] = session.now();
                    return HttpCall.api("GET", url, null);
                },
                reply -> {
                    int status = reply.status();
                    if (reply.isSuccess()) {
                        if (Json.object(Json.parseOrNull(reply), "data") == null) {
                            return garbled(session, reply, what, WAIT_ADVICE);
                        }
                        return Verdict.success(parsePrediction(session, predictionId, reply));
                    }
                    if (status >= 500) {
                        // A failed job may come back as a 5xx whose body still says so: read it first.
                        Prediction p = tryParseFailure(session, predictionId, reply);
                        if (p != null) {
                            return Verdict.success(p);
                        }
                    }
                    if (status == 400 || status == 404) {
                        if (acceptedAt != null && sentAt[0].isBefore(acceptedAt.plus(NOT_VISIBLE_WINDOW))) {
                            return Verdict.success(Prediction.notVisibleYet(predictionId));
                        }
                        return Verdict.fail(new JobFailedException(
                                "Atlas Cloud does not know prediction " + predictionId + " (HTTP " + status + ": "
                                        + session.redact(String.valueOf(message(reply)))
                                        + "), long after it was submitted."
                                        + " Check the Atlas Cloud dashboard; render again if the job is gone.",
                                predictionId,
                                session.redact(message(reply)),
                                Integer.toString(status)));
                    }
                    return statusVerdict(session, reply, what);
                });
    }

    static Prediction parsePrediction(HostSession session, String predictionId, HttpReply reply) {
        JsonNode root = Json.parseOrNull(reply);
        JsonNode data = Json.object(root, "data");
        if (data == null) {
            throw new ProtocolException("Atlas Cloud's reply about prediction " + predictionId
                    + " has no data object (the status is under data)." + requestId(session, reply) + WAIT_ADVICE);
        }
        String word = Json.text(data, "status");
        PredictionStatus status = word == null
                ? PredictionStatus.UNKNOWN
                : STATUSES.getOrDefault(word.toLowerCase(Locale.ROOT), PredictionStatus.UNKNOWN);
        String errorCode = Json.text(data, "error_code");
        if (errorCode != null && (errorCode.equals("0") || errorCode.isBlank())) {
            errorCode = null;
        }
        if (errorCode != null && !status.isFinal()) {
            // A refusal (e.g. 1039, moderation) may come with a non-final word; the code decides.
            status = PredictionStatus.FAILED;
        }
        List<URI> outputs;
        try {
            outputs = Json.urls(data, "outputs");
            if (outputs.isEmpty()) {
                outputs = Json.urls(data, "output");
            }
        } catch (URISyntaxException e) {
            throw new ProtocolException("Atlas Cloud's reply about prediction " + predictionId
                    + " holds an invalid output URL." + requestId(session, reply) + WAIT_ADVICE);
        }
        String error = Json.text(data, "error");
        if (MODERATION_CODE.equals(errorCode) && error == null) {
            error = "refused by moderation";
        }
        String id = Json.text(data, "id");
        return new Prediction(
                id == null ? predictionId : id,
                status,
                word,
                outputs,
                error,
                errorCode,
                MODERATION_CODE.equals(errorCode));
    }

    private static Prediction tryParseFailure(HostSession session, String predictionId, HttpReply reply) {
        JsonNode data = Json.object(Json.parseOrNull(reply), "data");
        if (data == null || Json.text(data, "status") == null) {
            return null;
        }
        Prediction p = parsePrediction(session, predictionId, reply);
        return FAILURES.contains(p.status()) ? p : null;
    }

    @Override
    public SubmissionLookup submissionLookup() {
        return SubmissionLookup.BY_INPUT;
    }

    @Override
    public CompletableFuture<List<String>> findSubmission(
            HostSession session, String model, String inputDigest, Instant submittedAt) {
        return AtlasHistory.find(session, model, inputDigest, submittedAt);
    }

    /** See {@link AtlasHistory#instant}. */
    static Instant instant(JsonNode node) {
        return AtlasHistory.instant(node);
    }

    static <T> Verdict<T> statusVerdict(HostSession session, HttpReply reply, String what) {
        if (HostErrors.retryable(reply.status())) {
            return session.retryStatus(what, reply, message(reply));
        }
        return Verdict.fail(HostErrors.definite(session, reply, message(reply), what));
    }

    /** Atlas Cloud's error envelope says {@code msg}; some replies say {@code message}. */
    static String message(HttpReply reply) {
        JsonNode root = Json.parseOrNull(reply);
        String m = Json.text(root, "msg");
        if (m == null) {
            m = Json.text(root, "message");
        }
        if (m == null) {
            m = Json.text(Json.object(root, "data"), "error");
        }
        return m;
    }

    /**
     * A 2xx reply that cannot be read (not JSON, or without its {@code data} object): a damaged
     * reply to an idempotent call, so it is asked again, like WaveSpeed's. Never used for the
     * submit, which is sent once.
     */
    static <T> Verdict<T> garbled(HostSession session, HttpReply reply, String what, String advice) {
        return Verdict.retry(
                null,
                new ProtocolException("Atlas Cloud kept sending replies that cannot be read (not JSON, or without"
                        + " a data object) when asked to " + what + "." + requestId(session, reply) + advice));
    }

    /** A sentence naming the reply's request id (redacted), or nothing. */
    static String requestId(HostSession session, HttpReply reply) {
        String id = session.requestId(reply);
        return id == null ? "" : " Request id: " + id + ".";
    }
}

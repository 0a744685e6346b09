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
import io.jenkins.plugins.happyhorse.client.http.SubmitReplyLostException;
import io.jenkins.plugins.happyhorse.client.http.Verdict;
import io.jenkins.plugins.happyhorse.client.job.JobAge;
import io.jenkins.plugins.happyhorse.client.job.Prediction;
import io.jenkins.plugins.happyhorse.client.job.PredictionStatus;
import io.jenkins.plugins.happyhorse.client.spec.ImageFormat;
import io.jenkins.plugins.happyhorse.client.spec.ImageLimits;
import io.jenkins.plugins.happyhorse.client.spec.ImageSource.LocalImage;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Alibaba Model Studio (DashScope, base {@code https://dashscope-intl.aliyuncs.com/api/v1} in
 * Singapore): the model's maker. Its quirks, all kept here: the submit must ask for asynchronous
 * processing ({@code X-DashScope-Async: enable}); the images are an {@code input.media} list of
 * {@code reference_image} entries, the parameters {@code resolution} (upper case), {@code ratio},
 * {@code duration}, {@code seed} and {@code watermark}, which is sent false unless the clip asks
 * for the mark (the host's default puts one on); local images go through its temporary storage
 * and are sent as {@code oss://} URLs with {@code X-DashScope-OssResourceResolve: enable}; task
 * states {@code PENDING}, {@code RUNNING}, {@code SUSPENDED}, {@code SUCCEEDED}, {@code FAILED},
 * {@code CANCELED} and {@code UNKNOWN} (never issued, or older than 24 hours: a final answer);
 * failures in {@code output.code} and {@code output.message}, {@code DataInspectionFailed} and
 * {@code IPInfringementSuspect} being refusals by its content checks; at most 20 task queries per
 * second per account; task ids and clip links that expire 24 hours after the submit; and a task
 * list without inputs for finding a task whose submit reply was lost.
 */
public final class ModelStudioProvider extends HostProvider {

    static final String SUBMIT_PATH = "/services/aigc/video-generation/video-synthesis";
    static final String TASK_PATH = "/tasks/%s";

    /** Task queries per second per account [doc]. */
    public static final int QUERIES_PER_SECOND = 20;
    /** Upload policies per second per account and model [doc]; the engine keeps it per account. */
    public static final int POLICIES_PER_SECOND = 100;
    /** How long task ids and clip links live [doc]. */
    public static final Duration TASK_LIFETIME = Duration.ofHours(24);
    /** JPEG, PNG or WEBP, at least 400 px on the short side, at most 10 MB [doc; later pages say 20 MB]. */
    public static final ImageLimits IMAGE_LIMITS =
            new ImageLimits(10L * 1024 * 1024, EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP), 400);

    /** What to do when a reply about a submitted task cannot be used: the task may still finish. */
    static final String WAIT_ADVICE = " The task may still finish: resume the render later from its checkpoint"
            + " (resuming never submits again), or check the Model Studio console.";

    /** The asynchronous submit header [doc]; without it this model refuses the call. */
    static final Map.Entry<String, String> ASYNC = Map.entry("X-DashScope-Async", "enable");
    /** Lets the host read {@code oss://} URLs of its temporary storage [doc]. */
    static final Map.Entry<String, String> OSS_RESOLVE = Map.entry("X-DashScope-OssResourceResolve", "enable");

    static final String OSS_SCHEME = "oss://";

    /** The submit body's field names and spellings (one place, so a correction touches nothing else). */
    static final class Fields {
        static final String MODEL = "model";
        static final String INPUT = "input";
        static final String PROMPT = "prompt";
        static final String MEDIA = "media";
        static final String TYPE = "type";
        static final String REFERENCE_IMAGE = "reference_image";
        static final String URL = "url";
        static final String PARAMETERS = "parameters";
        static final String RESOLUTION = "resolution";
        static final String RATIO = "ratio";
        static final String DURATION = "duration";
        static final String SEED = "seed";
        static final String WATERMARK = "watermark";

        /** {@code 720p} → {@code 720P} [doc: upper case]. */
        static String resolution(String neutral) {
            return neutral.toUpperCase(Locale.ROOT);
        }

        private Fields() {}
    }

    /** Task states and their neutral meaning; {@code UNKNOWN} is handled apart, as a final answer. */
    static final Map<String, PredictionStatus> STATUSES = Map.of(
            "PENDING", PredictionStatus.QUEUED,
            // Held by the host [client: a state the SDK knows]; it may resume, so the wait goes on.
            "SUSPENDED", PredictionStatus.QUEUED,
            "RUNNING", PredictionStatus.PROCESSING,
            "SUCCEEDED", PredictionStatus.SUCCEEDED,
            "FAILED", PredictionStatus.FAILED,
            "CANCELED", PredictionStatus.CANCELLED,
            "CANCELLED", PredictionStatus.CANCELLED);

    static final String UNKNOWN = "UNKNOWN";

    /** Failure codes of the host's content checks: the same request would be refused again [doc]. */
    static final Set<String> CONTENT_REFUSALS = Set.of("DataInspectionFailed", "IPInfringementSuspect");

    private final ModelStudioReplies replies;

    public ModelStudioProvider(URI baseUrl) {
        super(ProviderId.MODELSTUDIO, baseUrl);
        this.replies = new ModelStudioReplies(baseUrl);
    }

    @Override
    public ImageLimits imageLimits() {
        return IMAGE_LIMITS;
    }

    @Override
    public int queriesPerSecond() {
        return QUERIES_PER_SECOND;
    }

    @Override
    public int uploadsPerSecond() {
        return POLICIES_PER_SECOND;
    }

    @Override
    public Optional<Duration> jobLifetime() {
        return Optional.of(TASK_LIFETIME);
    }

    @Override
    public String cancelNote() {
        return "can cancel a task only while it is queued, which this engine does not attempt";
    }

    /** Through the temporary storage: one policy per file, the signed form posted without the key. */
    @Override
    public CompletableFuture<URI> upload(HostSession session, String model, LocalImage image) {
        return ModelStudioUpload.upload(session, replies, baseUrl(), model, image);
    }

    @Override
    public CompletableFuture<String> submit(HostSession session, String model, SubmittedInput input) {
        ObjectNode body = submitBody(model, input);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(ASYNC);
        if (input.images().stream().anyMatch(url -> url.startsWith(OSS_SCHEME))) {
            headers.add(OSS_RESOLVE);
        }
        return session.send(HttpCall.api("POST", session.api(SUBMIT_PATH), headers, Json.body(body)))
                .handle((reply, error) -> {
                    if (error != null) {
                        throw Submits.transportFailure(session, Failures.unwrap(error));
                    }
                    if (reply.isSuccess()) {
                        String id = Json.text(Json.object(Json.parseOrNull(reply), "output"), "task_id");
                        if (id == null) {
                            throw new SubmitReplyLostException(
                                    "Model Studio accepted the submit but its reply has no task id", null);
                        }
                        return id;
                    }
                    if (reply.status() >= 500) {
                        throw new SubmitReplyLostException(
                                "Model Studio answered the submit with HTTP " + reply.status(), null);
                    }
                    // 429 (Throttling.RateQuota or .BurstRate) included: a refusal, no task, no charge.
                    throw replies.submitRefusal(session, reply);
                });
    }

    /** The submit body; field names from {@link Fields}. */
    static ObjectNode submitBody(String model, SubmittedInput input) {
        ObjectNode body = Json.object();
        body.put(Fields.MODEL, model);
        ObjectNode in = body.putObject(Fields.INPUT);
        in.put(Fields.PROMPT, input.prompt());
        ArrayNode media = in.putArray(Fields.MEDIA);
        for (String url : input.images()) {
            media.addObject().put(Fields.TYPE, Fields.REFERENCE_IMAGE).put(Fields.URL, url);
        }
        ObjectNode parameters = body.putObject(Fields.PARAMETERS);
        parameters.put(Fields.RESOLUTION, Fields.resolution(input.resolution()));
        parameters.put(Fields.RATIO, input.aspectRatio());
        parameters.put(Fields.DURATION, input.duration());
        if (input.seed() != null) {
            parameters.put(Fields.SEED, input.seed());
        }
        // Always sent: the host marks the clip unless told not to.
        parameters.put(Fields.WATERMARK, input.watermark());
        return body;
    }

    /** One task query, within the account's 20 per second shared by every render of the engine. */
    @Override
    public CompletableFuture<Prediction> poll(HostSession session, String predictionId, Instant acceptedAt) {
        String what = "report on task " + predictionId;
        URI url = session.api(String.format(Locale.ROOT, TASK_PATH, Submits.pathSegment(predictionId)));
        return session.query(what, () -> HttpCall.api("GET", url, null), reply -> {
            if (!reply.isSuccess()) {
                return replies.statusVerdict(session, reply, what);
            }
            JsonNode output = Json.object(Json.parseOrNull(reply), "output");
            String word = Json.text(output, "task_status");
            if (output == null || word == null) {
                return ModelStudioReplies.garbled(session, reply, what, WAIT_ADVICE);
            }
            if (word.equalsIgnoreCase(UNKNOWN)) {
                return Verdict.fail(unknownTask(session, predictionId, acceptedAt));
            }
            return Verdict.success(parsePrediction(session, predictionId, word, output, reply));
        });
    }

    static Prediction parsePrediction(
            HostSession session, String predictionId, String word, JsonNode output, HttpReply reply) {
        PredictionStatus status = STATUSES.getOrDefault(word.toUpperCase(Locale.ROOT), PredictionStatus.UNKNOWN);
        List<URI> outputs = new ArrayList<>();
        String videoUrl = Json.text(output, "video_url");
        if (videoUrl != null) {
            try {
                outputs.add(new URI(videoUrl.strip()));
            } catch (URISyntaxException e) {
                throw new ProtocolException("Model Studio's reply about task " + predictionId
                        + " holds an invalid video_url." + ModelStudioReplies.requestId(session, reply) + WAIT_ADVICE);
            }
        }
        String code = Json.text(output, "code");
        String message = Json.text(output, "message");
        boolean refused = code != null && CONTENT_REFUSALS.contains(code);
        if (refused && !status.isFinal()) {
            // A content refusal is final, whatever word came with it.
            status = PredictionStatus.FAILED;
        }
        String id = Json.text(output, "task_id");
        return new Prediction(id == null ? predictionId : id, status, word, outputs, message, code, refused);
    }

    /** {@code UNKNOWN}: the host does not know the task (any more), a final answer. */
    private static JobFailedException unknownTask(HostSession session, String id, Instant acceptedAt) {
        String age = acceptedAt == null
                ? ""
                : " This task was submitted " + JobAge.describe(Duration.between(acceptedAt, session.now())) + " ago.";
        return new JobFailedException(
                "Model Studio no longer knows task " + id + " (status UNKNOWN): it forgets a task and its clip 24"
                        + " hours after the submit, and answers the same for an id it never issued under this key"
                        + " and region." + age + " Nothing more can be collected through the API; check the Model"
                        + " Studio console, and render again if you still want the clip (this engine never"
                        + " submits again by itself).",
                id,
                null,
                UNKNOWN);
    }

    @Override
    public SubmissionLookup submissionLookup() {
        return SubmissionLookup.BY_MODEL_AND_TIME;
    }

    @Override
    public CompletableFuture<List<String>> findSubmission(
            HostSession session, String model, String inputDigest, Instant submittedAt) {
        return ModelStudioTasks.candidates(session, replies, model, submittedAt);
    }
}

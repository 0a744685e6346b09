package io.jenkins.plugins.happyhorse.client.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.client.error.JobFailedException;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.error.ProviderUnavailableException;
import io.jenkins.plugins.happyhorse.client.http.Failures;
import io.jenkins.plugins.happyhorse.client.http.FileEntityProducer;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.http.HttpCall;
import io.jenkins.plugins.happyhorse.client.http.HttpReply;
import io.jenkins.plugins.happyhorse.client.http.MediaDownload;
import io.jenkins.plugins.happyhorse.client.http.SubmitReplyLostException;
import io.jenkins.plugins.happyhorse.client.http.Verdict;
import io.jenkins.plugins.happyhorse.client.job.Prediction;
import io.jenkins.plugins.happyhorse.client.job.PredictionStatus;
import io.jenkins.plugins.happyhorse.client.spec.ImageSource.LocalImage;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * WaveSpeed ({@code https://api.wavespeed.ai}): presigned-PUT uploads, {@code POST
 * /api/v3/{model}} submits, {@code GET /api/v3/predictions/{id}/result} polls, HMAC-signed
 * completion callbacks ({@link Webhook}). A failed job answers HTTP 200 with {@code data.status =
 * "failed"}. WaveSpeed documents no job listing, so a lost submit reply cannot be resolved by
 * asking.
 */
public final class WaveSpeedProvider extends HostProvider {

    /** Paths, relative to the base URL. */
    static final String UPLOAD_PATH = "/api/v3/media/uploads";

    static final String SUBMIT_PATH_PREFIX = "/api/v3/";
    static final String RESULT_PATH = "/api/v3/predictions/%s/result";

    /** The submit body's field names (one place, so a correction touches nothing else). */
    static final class Fields {
        static final String IMAGES = "images";
        static final String PROMPT = "prompt";
        static final String RESOLUTION = "resolution";
        static final String ASPECT_RATIO = "aspect_ratio";
        static final String DURATION = "duration";
        static final String SEED = "seed";

        private Fields() {}
    }

    /**
     * Its completion callbacks, as its documentation describes them [doc]: asked for with {@code
     * ?webhook=<public https URL>} on the submit; signed with headers {@code webhook-id}, {@code
     * webhook-timestamp} (Unix seconds) and {@code webhook-signature: v3,<hex>}, the HMAC-SHA256 of
     * {@code {id}.{timestamp}.{raw body}} keyed with the secret from {@code GET
     * /api/v3/webhook/secret} without its {@code whsec_} prefix, not base64-decoded. The body is the
     * prediction ({@code id}, {@code status}, {@code outputs}, …). Where the secret sits in that
     * reply ({@code data.secret}) is not documented [guess].
     */
    static final class Webhook {
        static final String QUERY = "webhook";
        static final String ID = "webhook-id";
        static final String TIMESTAMP = "webhook-timestamp";
        static final String SIGNATURE = "webhook-signature";
        static final String SIGNATURE_VERSION = "v3";
        static final String SECRET_PATH = "/api/v3/webhook/secret";
        static final String SECRET_PREFIX = "whsec_";

        private Webhook() {}
    }

    /** Status words and their neutral meaning. */
    static final Map<String, PredictionStatus> STATUSES = Map.of(
            "created", PredictionStatus.QUEUED,
            "queued", PredictionStatus.QUEUED,
            "processing", PredictionStatus.PROCESSING,
            "completed", PredictionStatus.SUCCEEDED,
            "failed", PredictionStatus.FAILED,
            "cancelled", PredictionStatus.CANCELLED,
            "canceled", PredictionStatus.CANCELLED,
            "deleted", PredictionStatus.CANCELLED,
            "timeout", PredictionStatus.TIMED_OUT);

    /** What to do after replies that could not be read, for idempotent calls only. */
    static final String GARBLED_ADVICE = " The host may be having trouble: try again later (a render that was"
            + " already submitted can be resumed later from its checkpoint without paying again).";

    private final HostWebhooks webhooks;

    public WaveSpeedProvider(URI baseUrl) {
        super(ProviderId.WAVESPEED, baseUrl);
        this.webhooks = new WaveSpeedWebhooks(baseUrl);
    }

    @Override
    public Optional<HostWebhooks> webhooks() {
        return Optional.of(webhooks);
    }

    /** Two steps: announce the file and get a presigned URL, then PUT the bytes there without the key. */
    @Override
    public CompletableFuture<URI> upload(HostSession session, String model, LocalImage image) {
        String fileName = UploadNames.of(image);
        ObjectNode body = Json.object()
                .put("filename", fileName)
                .put("size", image.facts().bytes())
                .put("content_type", image.facts().format().mediaType());
        String what = "prepare the upload of " + fileName;
        return session.call(what, () -> HttpCall.api("POST", session.api(UPLOAD_PATH), Json.body(body)), reply -> {
                    if (!reply.isSuccess() || !envelopeOk(reply)) {
                        return statusVerdict(session, reply, what);
                    }
                    JsonNode data = Json.object(Json.parseOrNull(reply), "data");
                    JsonNode upload = Json.object(data, "upload");
                    String downloadUrl = Json.text(data, "download_url");
                    String putUrl = Json.text(upload, "url");
                    if (downloadUrl == null || putUrl == null) {
                        return Verdict.fail(new ProtocolException("WaveSpeed's upload reply has no download_url or"
                                + " upload.url; it cannot be used." + requestId(session, reply)));
                    }
                    String method = Json.text(upload, "method");
                    List<Map.Entry<String, String>> headers = new ArrayList<>();
                    JsonNode h = Json.object(upload, "headers");
                    if (h != null) {
                        for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                            Map.Entry<String, JsonNode> e = it.next();
                            headers.add(Map.entry(e.getKey(), e.getValue().asText()));
                        }
                    }
                    try {
                        return Verdict.success(new PresignedUpload(
                                method == null ? "PUT" : method.toUpperCase(Locale.ROOT),
                                new URI(putUrl),
                                headers,
                                new URI(downloadUrl)));
                    } catch (URISyntaxException e) {
                        return Verdict.fail(new ProtocolException(
                                "WaveSpeed's upload reply holds an invalid URL." + requestId(session, reply)));
                    }
                })
                .thenCompose(presigned -> put(session, presigned, image, fileName));
    }

    private CompletableFuture<URI> put(HostSession session, PresignedUpload presigned, LocalImage image, String name) {
        MediaDownload.requireMediaUrl(
                presigned.url(),
                true,
                "the upload URL",
                "Nothing was submitted: render again later, or pass the images as https URLs instead of files.");
        String what = "upload " + name;
        return session.call(
                what,
                // The presigned request carries exactly the headers WaveSpeed returned, and no key.
                () -> HttpCall.media(
                        presigned.method(),
                        presigned.url(),
                        presigned.headers(),
                        () -> FileEntityProducer.of(image.path(), image.facts().bytes(), null)),
                reply -> {
                    if (reply.isSuccess()) {
                        return Verdict.success(presigned.downloadUrl());
                    }
                    if (HostErrors.retryable(reply.status())) {
                        return session.retryStatus(what, reply, null);
                    }
                    return Verdict.fail(new ProviderUnavailableException("WaveSpeed's storage refused the upload of "
                            + name + " with HTTP " + reply.status() + "; the presigned URL may have expired. Render"
                            + " again."));
                });
    }

    @Override
    public CompletableFuture<String> submit(HostSession session, String model, SubmittedInput input) {
        return submit(session, model, input, null);
    }

    /** The submit, with {@code ?webhook=} when a callback is asked for. */
    @Override
    public CompletableFuture<String> submit(HostSession session, String model, SubmittedInput input, URI callback) {
        ObjectNode body = submitBody(input);
        String what = "submit the render";
        String path = SUBMIT_PATH_PREFIX + model;
        if (callback != null) {
            path += "?" + Webhook.QUERY + "=" + URLEncoder.encode(callback.toString(), StandardCharsets.UTF_8);
        }
        return session.send(HttpCall.api("POST", session.api(path), Json.body(body)))
                .handle((reply, error) -> {
                    if (error != null) {
                        throw Submits.transportFailure(session, Failures.unwrap(error));
                    }
                    if (reply.isSuccess() && envelopeOk(reply)) {
                        String id = Json.text(Json.object(Json.parseOrNull(reply), "data"), "id");
                        if (id == null) {
                            throw new SubmitReplyLostException(
                                    "WaveSpeed accepted the submit but its reply has no" + " job id", null);
                        }
                        return id;
                    }
                    int status = effectiveStatus(reply);
                    if (status >= 500 || reply.isSuccess()) {
                        throw new SubmitReplyLostException(
                                "WaveSpeed answered the submit with HTTP " + status + " and no job id", null);
                    }
                    throw Submits.refusal(session, reply, status, message(reply), what);
                });
    }

    /** The submit body; field names from {@link Fields}. */
    static ObjectNode submitBody(SubmittedInput input) {
        ObjectNode body = Json.object();
        ArrayNode images = body.putArray(Fields.IMAGES);
        input.images().forEach(images::add);
        body.put(Fields.PROMPT, input.prompt());
        body.put(Fields.RESOLUTION, input.resolution());
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
        URI url = session.api(String.format(Locale.ROOT, RESULT_PATH, Submits.pathSegment(predictionId)));
        return session.call(what, () -> HttpCall.api("GET", url, null), reply -> {
            if (reply.isSuccess() && envelopeOk(reply)) {
                return Verdict.success(parsePrediction(predictionId, reply));
            }
            int status = effectiveStatus(reply);
            if (status == 404) {
                return Verdict.fail(new JobFailedException(
                        "WaveSpeed does not know prediction " + predictionId + " (HTTP 404); it may have been deleted."
                                + " Check the WaveSpeed dashboard; render again if it is gone.",
                        predictionId,
                        session.redact(message(reply)),
                        "404"));
            }
            return statusVerdict(session, reply, what);
        });
    }

    static Prediction parsePrediction(String predictionId, HttpReply reply) {
        JsonNode data = Json.object(Json.parseOrNull(reply), "data");
        if (data == null) {
            throw new ProtocolException("WaveSpeed's reply about prediction " + predictionId + " has no data object.");
        }
        String word = Json.text(data, "status");
        PredictionStatus status = word == null
                ? PredictionStatus.UNKNOWN
                : STATUSES.getOrDefault(word.toLowerCase(Locale.ROOT), PredictionStatus.UNKNOWN);
        List<URI> outputs;
        try {
            outputs = Json.urls(data, "outputs");
        } catch (URISyntaxException e) {
            throw new ProtocolException(
                    "WaveSpeed's reply about prediction " + predictionId + " holds an invalid output URL.");
        }
        String id = Json.text(data, "id");
        return new Prediction(id == null ? predictionId : id, status, word, outputs, Json.text(data, "error"), null);
    }

    @Override
    public SubmissionLookup submissionLookup() {
        return SubmissionLookup.NONE;
    }

    @Override
    public CompletableFuture<List<String>> findSubmission(
            HostSession session, String model, String inputDigest, Instant submittedAt) {
        return CompletableFuture.failedFuture(
                new UnsupportedOperationException("WaveSpeed documents no listing of recent jobs"));
    }

    /** WaveSpeed may answer 200 with an envelope {@code code} other than 200. */
    private static boolean envelopeOk(HttpReply reply) {
        JsonNode root = Json.parseOrNull(reply);
        if (root == null) {
            return false;
        }
        JsonNode code = root.get("code");
        return code == null || !code.canConvertToInt() || code.asInt() == 200 || code.asInt() == 0;
    }

    private static int effectiveStatus(HttpReply reply) {
        if (!reply.isSuccess()) {
            return reply.status();
        }
        JsonNode root = Json.parseOrNull(reply);
        JsonNode code = root == null ? null : root.get("code");
        return code != null && code.canConvertToInt() && code.asInt() >= 100 ? code.asInt() : reply.status();
    }

    private static <T> Verdict<T> statusVerdict(HostSession session, HttpReply reply, String what) {
        int status = effectiveStatus(reply);
        if (reply.isSuccess() && Json.parseOrNull(reply) == null) {
            return Verdict.retry(
                    null,
                    new ProtocolException("WaveSpeed kept sending replies that are not JSON when asked to " + what + "."
                            + requestId(session, reply) + GARBLED_ADVICE));
        }
        if (HostErrors.retryable(status)) {
            return session.retryStatus(what, reply, message(reply));
        }
        return Verdict.fail(HostErrors.definite(session, withStatus(reply, status), message(reply), what));
    }

    private static HttpReply withStatus(HttpReply reply, int status) {
        return status == reply.status()
                ? reply
                : new HttpReply(status, reply.headers(), reply.body(), reply.bodyTruncated());
    }

    static String message(HttpReply reply) {
        JsonNode root = Json.parseOrNull(reply);
        String m = Json.text(root, "message");
        return m != null ? m : Json.text(root, "error");
    }

    /** A sentence naming the reply's request id (redacted), or nothing. */
    private static String requestId(HostSession session, HttpReply reply) {
        String id = session.requestId(reply);
        return id == null ? "" : " Request id: " + id + ".";
    }

    /** WaveSpeed's answer to step one of an upload. */
    private record PresignedUpload(String method, URI url, List<Map.Entry<String, String>> headers, URI downloadUrl) {}
}

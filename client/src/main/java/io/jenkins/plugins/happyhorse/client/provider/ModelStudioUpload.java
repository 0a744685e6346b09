package io.jenkins.plugins.happyhorse.client.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.client.connection.ModelStudioRegion;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.error.ProviderUnavailableException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.http.HttpCall;
import io.jenkins.plugins.happyhorse.client.http.HttpReply;
import io.jenkins.plugins.happyhorse.client.http.MediaDownload;
import io.jenkins.plugins.happyhorse.client.http.MultipartFileProducer;
import io.jenkins.plugins.happyhorse.client.http.Verdict;
import io.jenkins.plugins.happyhorse.client.spec.ImageSource.LocalImage;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local image through Model Studio's temporary storage, as the official SDK does it [client]:
 * one upload policy per file ({@code GET /uploads?action=getPolicy&model=M}, with the key), then
 * the signed multipart form posted to the policy's {@code upload_host} (a storage origin that gets
 * no key: the form is its own authorisation, and the transport sends the key to the API origin
 * only), the file streamed from disk as the last field. The image is then {@code oss://} + the
 * object's key, bound to the model and the account for 48 hours.
 */
final class ModelStudioUpload {
    static final String POLICY_PATH = "/uploads?action=getPolicy&model=%s";
    /** What the host is told to answer a stored file with [client: the SDK asks for 200]. */
    static final String SUCCESS_STATUS = "200";

    private static final String ADVICE =
            " Nothing was submitted: render again later, or pass the images as https URLs instead of files.";
    private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");

    private ModelStudioUpload() {}

    /** The form fields of one policy, in the order the SDK sends them [client: OSSUtils]. */
    record Policy(
            URI uploadHost,
            String uploadDir,
            String accessKeyId,
            String signature,
            String policy,
            String objectAcl,
            String forbidOverwrite) {

        /** Every field before {@code file}: the policy's, then the key, the status asked for and the type. */
        List<Map.Entry<String, String>> fields(String key, String contentType) {
            return List.of(
                    Map.entry("OSSAccessKeyId", accessKeyId),
                    Map.entry("Signature", signature),
                    Map.entry("policy", policy),
                    Map.entry("key", key),
                    Map.entry("x-oss-object-acl", objectAcl),
                    Map.entry("x-oss-forbid-overwrite", forbidOverwrite),
                    Map.entry("success_action_status", SUCCESS_STATUS),
                    Map.entry("x-oss-content-type", contentType));
        }
    }

    /** Uploads {@code image} for {@code model} and returns its {@code oss://} URL. */
    static CompletableFuture<URI> upload(
            HostSession session, ModelStudioReplies replies, URI baseUrl, String model, LocalImage image) {
        String fileName = UploadNames.of(image);
        return policy(session, replies, baseUrl, model, fileName)
                .thenCompose(policy -> post(session, policy, image, fileName));
    }

    private static CompletableFuture<Policy> policy(
            HostSession session, ModelStudioReplies replies, URI baseUrl, String model, String fileName) {
        String what = "prepare the upload of " + fileName;
        URI url =
                session.api(String.format(Locale.ROOT, POLICY_PATH, URLEncoder.encode(model, StandardCharsets.UTF_8)));
        return session.prepareUpload(what, () -> HttpCall.api("GET", url, null), reply -> {
            if (!reply.isSuccess()) {
                if (HostErrors.retryable(reply.status())) {
                    return session.retryStatus(what, reply, ModelStudioReplies.said(reply));
                }
                return Verdict.fail(refused(session, replies, reply, baseUrl, what));
            }
            JsonNode data = Json.object(Json.parseOrNull(reply), "data");
            if (data == null) {
                return ModelStudioReplies.garbled(session, reply, what, ADVICE);
            }
            String host = Json.text(data, "upload_host");
            String dir = Json.text(data, "upload_dir");
            String keyId = Json.text(data, "oss_access_key_id");
            String signature = Json.text(data, "signature");
            String policy = Json.text(data, "policy");
            if (host == null || dir == null || keyId == null || signature == null || policy == null) {
                return Verdict.fail(new ProtocolException("Model Studio's upload policy lacks upload_host, upload_dir,"
                        + " oss_access_key_id, signature or policy." + ModelStudioReplies.requestId(session, reply)
                        + ADVICE));
            }
            try {
                return Verdict.success(new Policy(
                        new URI(host.strip()),
                        dir,
                        keyId,
                        signature,
                        policy,
                        orDefault(Json.text(data, "x_oss_object_acl"), "private"),
                        orDefault(Json.text(data, "x_oss_forbid_overwrite"), "true")));
            } catch (URISyntaxException e) {
                return Verdict.fail(new ProtocolException("Model Studio's upload policy holds an invalid upload_host."
                        + ModelStudioReplies.requestId(session, reply) + ADVICE));
            }
        });
    }

    /**
     * A refused policy. The temporary storage is documented for the Beijing region only, so
     * outside it the message says so, and how to do without it.
     */
    private static RenderException refused(
            HostSession session, ModelStudioReplies replies, HttpReply reply, URI baseUrl, String what) {
        // What a host that does not offer the storage would say [guess]; a wrong key is 401 anywhere.
        boolean notOffered = reply.status() == 400 || reply.status() == 404;
        if (!notOffered || ModelStudioRegion.of(baseUrl).temporaryStorageDocumented()) {
            return replies.definite(session, reply, what);
        }
        String said = ModelStudioReplies.said(reply);
        return new ProviderUnavailableException("Model Studio refused to " + what + " through its temporary storage"
                + " (HTTP " + reply.status() + (said == null ? "" : " " + session.redact(said)) + "). The temporary"
                + " storage for local files is documented for the Beijing region only, and this engine talks to "
                + replies.where() + ": pass the images as https URLs, or use the Beijing region with a Beijing key."
                + ModelStudioReplies.requestId(session, reply) + " Nothing was submitted.");
    }

    private static CompletableFuture<URI> post(HostSession session, Policy policy, LocalImage image, String fileName) {
        MediaDownload.requireMediaUrl(policy.uploadHost(), true, "the temporary storage's upload URL", ADVICE.strip());
        String key = policy.uploadDir() + "/" + fileName;
        String contentType = image.facts().format().mediaType();
        String what = "upload " + fileName + " to the temporary storage";
        int[] attempts = {0};
        return session.call(
                what,
                // A media call: the signed form is the authorisation, and no key goes to this origin.
                () -> {
                    attempts[0]++;
                    return HttpCall.media(
                            "POST",
                            policy.uploadHost(),
                            List.of(),
                            () -> MultipartFileProducer.create(
                                    policy.fields(key, contentType),
                                    "file",
                                    fileName,
                                    contentType,
                                    image.path(),
                                    image.facts().bytes()));
                },
                reply -> {
                    if (reply.isSuccess() && !storageAnswer(reply)) {
                        // Not what object storage answers: the file may not be there. Posting again
                        // is safe, since a file already stored answers 409 (below).
                        return Verdict.retry(
                                null,
                                new ProtocolException("Model Studio's temporary storage kept sending replies that"
                                        + " cannot be read when asked to " + what + "." + ADVICE));
                    }
                    // 409 after an attempt whose reply was lost: the folder is this policy's alone, so the
                    // file is there from that attempt. On the first attempt it would be no file of ours.
                    if (reply.isSuccess() || (reply.status() == 409 && attempts[0] > 1)) {
                        try {
                            return Verdict.success(new URI("oss://" + key));
                        } catch (URISyntaxException e) {
                            return Verdict.fail(new ProtocolException("Model Studio's upload folder "
                                    + policy.uploadDir() + " does not make a valid oss:// URL." + ADVICE));
                        }
                    }
                    if (HostErrors.retryable(reply.status())) {
                        return session.retryStatus(what, reply, storageCode(reply));
                    }
                    String code = storageCode(reply);
                    return Verdict.fail(new ProviderUnavailableException("Model Studio's temporary storage refused"
                            + " the upload of " + fileName + " with HTTP " + reply.status()
                            + (code == null ? "" : " (" + session.redact(code) + ")")
                            + "; the upload policy may have expired." + ADVICE));
                });
    }

    /**
     * Whether a 2xx reply is object storage's: empty (the status asked for), or an XML document
     * ({@code PostResponse} when 201 is asked for).
     */
    private static boolean storageAnswer(HttpReply reply) {
        String text = reply.text().strip();
        return !reply.bodyTruncated() && (text.isEmpty() || text.startsWith("<"));
    }

    /** Object storage answers refusals with an XML {@code Error} document; its {@code Code}, or null. */
    private static String storageCode(HttpReply reply) {
        Matcher m = XML_CODE.matcher(reply.text());
        return m.find() ? m.group(1) : null;
    }

    private static String orDefault(String value, String dflt) {
        return value == null ? dflt : value;
    }
}

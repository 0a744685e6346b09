package io.jenkins.plugins.happyhorse.simulator.modelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import io.jenkins.plugins.happyhorse.simulator.http.Binding;
import io.jenkins.plugins.happyhorse.simulator.http.Call;
import io.jenkins.plugins.happyhorse.simulator.http.Dispatcher;
import io.jenkins.plugins.happyhorse.simulator.http.HostStyle;
import io.jenkins.plugins.happyhorse.simulator.http.Json;
import io.jenkins.plugins.happyhorse.simulator.http.MultipartReader;
import io.jenkins.plugins.happyhorse.simulator.http.Reply;
import io.jenkins.plugins.happyhorse.simulator.http.ReplyBody;
import io.jenkins.plugins.happyhorse.simulator.stats.StatsRecorder;
import io.jenkins.plugins.happyhorse.simulator.time.SimulatedClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The storage origin of Model Studio's temporary storage: a separate loopback origin that takes
 * the multipart POST a client sends to {@code upload_host} [doc][client]. It checks the form as
 * object storage checks a POST policy: the access key id, the signature of the policy, the
 * policy's expiry and conditions (key under {@code upload_dir}, ACL, no overwrite, size), and
 * that {@code file} is the last field. No API key belongs here: the dispatcher records every
 * {@code Authorization} header, and this origin refuses a request that carries one.
 *
 * <p>Codes and messages follow object storage's PostObject documentation [3rd]; which check
 * comes first, and the words for a missing field or a field after {@code file}, are [guess].
 */
final class StorageOrigin {
    private static final int MAX_FIELD_BYTES = 64 * 1024;
    private static final long FORM_OVERHEAD = 1024L * 1024;

    private final TemporaryStorage storage;
    private final SimulatedClock clock;
    private final StatsRecorder stats;
    private final HostStyle style = new StorageStyle();

    StorageOrigin(TemporaryStorage storage, SimulatedClock clock, StatsRecorder stats) {
        this.storage = storage;
        this.clock = clock;
        this.stats = stats;
    }

    /** The one route: {@code POST /}. */
    List<Binding> bindings() {
        return List.of(Binding.of("POST", "/", Route.MS_STORAGE, style, false, this::post));
    }

    /** Anything else: the bucket is private and its files cannot be read back [doc]. */
    Dispatcher.Fallback fallback() {
        return new Dispatcher.Fallback(
                "", style, 403, "You have no right to access this object because of bucket acl.");
    }

    /** A refusal in object storage's words. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        private final int status;
        private final String code;

        Refusal(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private Reply post(Call call) throws IOException {
        try {
            return receive(call);
        } catch (Refusal refusal) {
            return StorageStyle.error(refusal.status, refusal.code, refusal.getMessage(), call);
        }
    }

    private Reply receive(Call call) throws IOException, Refusal {
        if (call.header("Authorization") != null) {
            // The form is its own authentication; a second one is refused [guess: wording].
            throw new Refusal(400, "InvalidArgument", "Authorization header is invalid: the POST form is signed.");
        }
        long limit = TemporaryStorage.MAX_FILE_SIZE_MB * 1024L * 1024L + FORM_OVERHEAD;
        if (call.declaredLength() > limit) {
            throw tooLarge();
        }
        MultipartReader reader = MultipartReader.of(call.header("Content-Type"), call.body())
                .orElseThrow(() ->
                        new Refusal(400, "InvalidArgument", "The request must be a multipart/form-data POST form."));
        Map<String, String> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Optional<MultipartReader.Part> next = reader.next(); next.isPresent(); next = reader.next()) {
            MultipartReader.Part part = next.get();
            String name = part.name() == null ? "" : part.name();
            if (name.equalsIgnoreCase("file")) {
                return store(call, fields, part, reader);
            }
            fields.put(name, text(part.content()));
        }
        throw new Refusal(400, "InvalidArgument", "The form has no file field; send the file as its last field.");
    }

    private Reply store(Call call, Map<String, String> fields, MultipartReader.Part part, MultipartReader reader)
            throws IOException, Refusal {
        Instant now = clock.now();
        String dir = checkPolicy(fields, now);
        String key = fields.get("key");
        if (key.length() <= dir.length() + 1) {
            throw new Refusal(400, "InvalidArgument", "The key must name a file under " + dir + "/.");
        }
        String model = storage.modelOf(dir)
                .orElseThrow(() -> new Refusal(403, "AccessDenied", "The policy names no folder of this storage."));
        if (TemporaryStorage.FORBID_OVERWRITE.equalsIgnoreCase(fields.get("x-oss-forbid-overwrite"))
                && storage.exists(key, now)) {
            throw new Refusal(
                    409, "FileAlreadyExists", "The object you specified already exists and can not be overwritten.");
        }
        Path file = storage.newFile();
        String etag;
        long size;
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            size = copy(part.content(), file, maxBytes(fields), md5);
            etag = HexFormat.of().withUpperCase().formatHex(md5.digest());
            if (reader.next().isPresent()) {
                // Object storage reads the policy fields before the file, so the file comes last.
                throw new Refusal(400, "InvalidArgument", "The file field must be the last field of the form.");
            }
        } catch (Refusal | IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        } catch (NoSuchAlgorithmException e) {
            Files.deleteIfExists(file);
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
        storage.commit(key, model, file, size, now);
        stats.storageUpload();
        return success(fields.get("success_action_status"), key, etag);
    }

    /** Checks the credentials, signature, expiry and conditions; returns the policy's upload folder. */
    private String checkPolicy(Map<String, String> fields, Instant now) throws Refusal {
        String accessKeyId = fields.get("OSSAccessKeyId");
        String signature = fields.get("Signature");
        String policy = fields.get("policy");
        if (accessKeyId == null && signature == null && policy == null) {
            throw new Refusal(403, "AccessDenied", "You have no right to access this object because of bucket acl.");
        }
        for (String name : List.of("OSSAccessKeyId", "Signature", "policy", "key")) {
            if (fields.get(name) == null || fields.get(name).isEmpty()) {
                throw new Refusal(400, "InvalidArgument", "The form field " + name + " is missing.");
            }
        }
        if (!storage.accessKeyId().equals(accessKeyId)) {
            throw new Refusal(
                    403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.");
        }
        if (!storage.signatureMatches(policy, signature)) {
            throw new Refusal(
                    403,
                    "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided.");
        }
        JsonNode document;
        try {
            document = Json.MAPPER.readTree(Base64.getDecoder().decode(policy));
        } catch (IOException | IllegalArgumentException e) {
            throw new Refusal(400, "InvalidPolicyDocument", "Invalid Policy: Invalid JSON.");
        }
        try {
            if (!now.isBefore(Instant.parse(document.path("expiration").asText()))) {
                throw new Refusal(403, "AccessDenied", "Invalid according to Policy: Policy expired.");
            }
        } catch (DateTimeParseException e) {
            throw new Refusal(400, "InvalidPolicyDocument", "Invalid Policy: Invalid expiration.");
        }
        String dir = null;
        for (JsonNode condition : document.path("conditions")) {
            if (condition.isArray() && "starts-with".equals(condition.path(0).asText())) {
                String field = fieldName(condition.path(1).asText());
                String prefix = condition.path(2).asText();
                if (!fields.getOrDefault(field, "").startsWith(prefix)) {
                    throw conditionFailed(condition);
                }
                if (field.equals("key")) {
                    dir = prefix;
                }
            } else if (condition.isArray() && "eq".equals(condition.path(0).asText())) {
                if (!condition
                        .path(2)
                        .asText()
                        .equals(fields.get(fieldName(condition.path(1).asText())))) {
                    throw conditionFailed(condition);
                }
            } else if (condition.isObject()) {
                var entries = condition.fields();
                while (entries.hasNext()) {
                    Map.Entry<String, JsonNode> entry = entries.next();
                    String field = fieldName(entry.getKey());
                    if (!field.equals("bucket") && !entry.getValue().asText().equals(fields.get(field))) {
                        throw conditionFailed(condition);
                    }
                }
            }
        }
        if (dir == null) {
            throw new Refusal(403, "AccessDenied", "The policy does not restrict the key to a folder.");
        }
        return dir;
    }

    private static long maxBytes(Map<String, String> fields) {
        JsonNode document;
        try {
            document = Json.MAPPER.readTree(Base64.getDecoder().decode(fields.get("policy")));
        } catch (IOException e) {
            return 0;
        }
        for (JsonNode condition : document.path("conditions")) {
            if (condition.isArray()
                    && "content-length-range".equals(condition.path(0).asText())) {
                return condition.path(2).asLong();
            }
        }
        return TemporaryStorage.MAX_FILE_SIZE_MB * 1024L * 1024L;
    }

    private static String fieldName(String policyName) {
        return policyName.startsWith("$") ? policyName.substring(1) : policyName;
    }

    private static Refusal conditionFailed(JsonNode condition) {
        return new Refusal(403, "AccessDenied", "Invalid according to Policy: Policy Condition failed: " + condition);
    }

    private static Refusal tooLarge() {
        return new Refusal(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size.");
    }

    private static long copy(InputStream in, Path target, long max, MessageDigest md5) throws IOException, Refusal {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > max) {
                    throw tooLarge();
                }
                md5.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private static String text(InputStream in) throws IOException, Refusal {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            if (out.size() + n > MAX_FIELD_BYTES) {
                throw new Refusal(400, "InvalidArgument", "A form field is longer than 64 KB.");
            }
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What object storage answers: 200 or 201 when asked for, 204 otherwise [3rd: PostObject]. */
    private static Reply success(String asked, String key, String etag) {
        Reply reply;
        if ("200".equals(asked)) {
            reply = Reply.of(200, null, ReplyBody.empty());
        } else if ("201".equals(asked)) {
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PostResponse><Bucket>" + TemporaryStorage.BUCKET
                    + "</Bucket><Key>" + key.replace("&", "&amp;").replace("<", "&lt;") + "</Key><ETag>\"" + etag
                    + "\"</ETag></PostResponse>\n";
            reply = Reply.of(201, "application/xml", ReplyBody.of(xml.getBytes(StandardCharsets.UTF_8)));
        } else {
            reply = Reply.empty(204);
        }
        return reply.header("ETag", "\"" + etag + "\"");
    }
}

package io.jenkins.plugins.happyhorse.simulator.modelstudio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.simulator.http.Call;
import io.jenkins.plugins.happyhorse.simulator.http.Json;
import io.jenkins.plugins.happyhorse.simulator.http.Reply;
import io.jenkins.plugins.happyhorse.simulator.job.Backend;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /uploads?action=getPolicy&model=M}: an upload policy for the temporary storage,
 * bound to the model, pointing at the storage origin; at most {@link #POLICY_LIMIT} a second per
 * account and model [doc].
 */
final class PolicyRoute {
    /** Policy requests allowed per second per account and model [doc]. */
    static final int POLICY_LIMIT = 100;

    private final Backend backend;
    private final KeyCheck keys;
    private final TemporaryStorage storage;
    private final URI storageBase;
    private final ConcurrentHashMap<String, QueryLimiter> policyQueries = new ConcurrentHashMap<>();

    /** @param storageBase the storage origin, {@code upload_host} in every policy */
    PolicyRoute(Backend backend, KeyCheck keys, TemporaryStorage storage, URI storageBase) {
        this.backend = backend;
        this.keys = keys;
        this.storage = storage;
        this.storageBase = storageBase;
    }

    Reply handle(Call call) throws ModelStudioError {
        keys.authenticate(call);
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
        Instant now = backend.clock().now();
        Optional<String> throttled = policyQueries
                .computeIfAbsent(model, m -> new QueryLimiter(POLICY_LIMIT))
                .admit(now);
        if (throttled.isPresent()) {
            backend.stats().throttled();
            throw ModelStudioError.throttling(throttled.get());
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
}

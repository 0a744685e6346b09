package io.jenkins.plugins.happyhorse.simulator.modelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.http.Call;
import io.jenkins.plugins.happyhorse.simulator.http.HttpProblem;
import io.jenkins.plugins.happyhorse.simulator.http.Json;
import io.jenkins.plugins.happyhorse.simulator.http.Reply;
import io.jenkins.plugins.happyhorse.simulator.job.Backend;
import io.jenkins.plugins.happyhorse.simulator.job.Job;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /services/aigc/video-generation/video-synthesis}: the asynchronous submit. It
 * creates the task (and charges it) only once the request is whole: the async header, a valid
 * body, and any {@code oss://} image a temporary file of this account for this model.
 */
final class SubmitRoute {
    private static final long MAX_JSON = 6L * 1024 * 1024;

    private final Backend backend;
    private final KeyCheck keys;
    private final TemporaryStorage storage;
    private final Map<String, String> submitRequestIds;

    /** @param submitRequestIds where each task's submit request id is kept, for the task list */
    SubmitRoute(Backend backend, KeyCheck keys, TemporaryStorage storage, Map<String, String> submitRequestIds) {
        this.backend = backend;
        this.keys = keys;
        this.storage = storage;
        this.submitRequestIds = submitRequestIds;
    }

    Reply handle(Call call) throws ModelStudioError, HttpProblem, IOException {
        keys.authenticate(call);
        if (!"enable".equalsIgnoreCase(trimmed(call.header("X-DashScope-Async")))) {
            // This model only runs asynchronously [doc: message; 3rd: status 403 and code AccessDenied].
            throw new ModelStudioError(403, "AccessDenied", "current user api does not support synchronous calls");
        }
        JsonNode body = call.readJson(MAX_JSON);
        SubmissionParser.Submission submission = SubmissionParser.parse(body);
        Instant now = backend.clock().now();
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
                    "Requests rate limit exceeded, please try again later. " + e.getMessage());
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

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }
}

package io.jenkins.plugins.happyhorse.simulator.modelstudio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.http.Call;
import io.jenkins.plugins.happyhorse.simulator.http.Json;
import io.jenkins.plugins.happyhorse.simulator.http.Reply;
import io.jenkins.plugins.happyhorse.simulator.job.Backend;
import io.jenkins.plugins.happyhorse.simulator.job.Job;
import io.jenkins.plugins.happyhorse.simulator.job.JobState;
import io.jenkins.plugins.happyhorse.simulator.time.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /tasks/{task_id}}: one task's state, its video link once it succeeded, its code and
 * message once it failed, {@code UNKNOWN} for an id never issued or older than 24 hours; at most
 * {@link ModelStudioApi#DEFAULT_QUERY_LIMIT} queries per simulated second per account.
 */
final class TaskRoute {
    /** How long a {@code video_url} can be downloaded after the task ends [doc: 24 h; guess: from the end]. */
    static final Duration VIDEO_URL_LIFETIME = Duration.ofHours(24);
    /** Task times as the host prints them, {@code 2025-09-29 14:18:52.331} [doc]; Beijing time [guess]. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.ofHours(8));

    private final Backend backend;
    private final SimulatedClock clock;
    private final KeyCheck keys;
    private final QueryLimiter taskQueries;
    private final String accessKeyId;

    /** @param accessKeyId the storage's access key id, shown in video links as object storage does */
    TaskRoute(Backend backend, KeyCheck keys, QueryLimiter taskQueries, String accessKeyId) {
        this.backend = backend;
        this.clock = backend.clock();
        this.keys = keys;
        this.taskQueries = taskQueries;
        this.accessKeyId = accessKeyId;
    }

    Reply handle(Call call) throws ModelStudioError {
        keys.authenticate(call);
        Instant realNow = clock.realNow();
        Instant now = clock.simulatedInstantOf(realNow);
        Optional<String> throttled = taskQueries.admit(now);
        if (throttled.isPresent()) {
            backend.stats().throttled();
            throw ModelStudioError.throttling(throttled.get());
        }
        String id = call.pathParam("id");
        ObjectNode reply = Json.object().put("request_id", ModelStudioStyle.requestId(call));
        Optional<Job> found = backend.jobs().find(id, Host.MODELSTUDIO).filter(job -> TaskStates.known(job, now));
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
                .put("task_status", TaskStates.word(state))
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
        outcome(job, state, output, reply);
        return Reply.json(200, reply);
    }

    /** What a finished task adds: the link and usage, or the failure's code and message. */
    private void outcome(Job job, JobState state, ObjectNode output, ObjectNode reply) {
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
    }

    /** A signed-looking object storage link on the media origin; {@code Expires} is when it stops working. */
    private String videoUrl(Job job) {
        long expires = job.completesAtSimulated().plus(VIDEO_URL_LIFETIME).getEpochSecond();
        return job.outputUrl() + "?Expires=" + expires + "&OSSAccessKeyId=" + accessKeyId + "&Signature="
                + Integer.toHexString(job.id().hashCode());
    }

    private static void failure(ObjectNode output, String code, String message) {
        output.put("code", code).put("message", message);
    }
}

package io.jenkins.plugins.happyhorse.simulator.modelstudio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.http.Call;
import io.jenkins.plugins.happyhorse.simulator.http.Json;
import io.jenkins.plugins.happyhorse.simulator.http.Reply;
import io.jenkins.plugins.happyhorse.simulator.job.Backend;
import io.jenkins.plugins.happyhorse.simulator.job.Job;
import io.jenkins.plugins.happyhorse.simulator.job.JobState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /tasks}: the account's recent tasks, newest first [client: the SDK's {@code list}
 * and the reply it parses]. Filters {@code start_time}/{@code end_time} ({@code yyyyMMddHHmmss},
 * Beijing time; default the last 24 hours), {@code model_name}, {@code status}, {@code task_id};
 * pages {@code page_no} (from 1) of {@code page_size} (default 10, at most 100) [guess: formats
 * and defaults]. The items carry no input, so a lost submit can only be found by model and time.
 */
final class TaskListRoute {
    /** Times of the task list's filters [guess]. */
    private static final DateTimeFormatter LIST_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.ofHours(8));

    private final Backend backend;
    private final KeyCheck keys;
    private final Map<String, String> submitRequestIds;

    /** @param submitRequestIds each task's submit request id, shown in its item */
    TaskListRoute(Backend backend, KeyCheck keys, Map<String, String> submitRequestIds) {
        this.backend = backend;
        this.keys = keys;
        this.submitRequestIds = submitRequestIds;
    }

    Reply handle(Call call) throws ModelStudioError {
        keys.authenticate(call);
        Instant now = backend.clock().now();
        Instant end = listTime(call, "end_time").orElse(now);
        Instant start = listTime(call, "start_time").orElse(end.minus(TaskStates.TASK_LIFETIME));
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
            String word = TaskStates.statusWord(job, now);
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
                item(data.addObject(), job, word, now);
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

    private void item(ObjectNode item, Job job, String word, Instant now) {
        JobState state = job.state(now);
        Instant created = job.createdAtSimulated();
        item.put("task_id", job.id())
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
}

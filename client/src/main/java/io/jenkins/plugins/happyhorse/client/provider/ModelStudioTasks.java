package io.jenkins.plugins.happyhorse.client.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.http.HttpCall;
import io.jenkins.plugins.happyhorse.client.http.Verdict;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Model Studio's task list ({@code GET /tasks}) read after a lost submit reply [client: the SDK's
 * {@code list}]. Its items carry no input, so a task is a candidate when it is of the model and was
 * created within {@link #WINDOW} of the submit attempt, by the clock of this machine: the filters
 * {@code model_name}, {@code start_time} and {@code end_time} ({@code yyyyMMddHHmmss}, Beijing
 * time [guess]) ask the host for exactly those, and each item's {@code gmt_create} is checked
 * again here (an undated item counts as a candidate, so doubt widens the choice rather than
 * narrows it). The engine adopts a candidate only when no other submit could have made it.
 */
final class ModelStudioTasks {
    static final String PATH = "/tasks?start_time=%s&end_time=%s&model_name=%s&page_no=%d&page_size=%d";
    /** How far from the submit attempt a task may have been created: clock skew and a slow submit. */
    static final Duration WINDOW = Duration.ofMinutes(2);

    static final int PAGE_SIZE = 100;
    static final int MAX_PAGES = 5;

    /** The list's filter times [guess: format and zone, as the simulator plays them]. */
    static final DateTimeFormatter FILTER_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.ofHours(8));
    /** Times the host prints, {@code 2025-09-29 14:18:52.331}, Beijing time [doc: format; guess: zone]. */
    private static final DateTimeFormatter PRINTED_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]", Locale.ROOT);

    private ModelStudioTasks() {}

    /** Ids of the tasks of {@code model} created within {@link #WINDOW} of {@code submittedAt}, newest first. */
    static CompletableFuture<List<String>> candidates(
            HostSession session, ModelStudioReplies replies, String model, Instant submittedAt) {
        Instant from = submittedAt.minus(WINDOW);
        Instant to = submittedAt.plus(WINDOW);
        return page(session, replies, model, from, to, 1, new ArrayList<>());
    }

    private static CompletableFuture<List<String>> page(
            HostSession session,
            ModelStudioReplies replies,
            String model,
            Instant from,
            Instant to,
            int page,
            List<String> found) {
        String what = "list recent tasks (page " + page + ")";
        URI url = session.api(String.format(
                Locale.ROOT,
                PATH,
                FILTER_TIME.format(from),
                // The filter counts whole seconds: round the end up so its last second is in.
                FILTER_TIME.format(to.plusSeconds(1)),
                URLEncoder.encode(model, StandardCharsets.UTF_8),
                page,
                PAGE_SIZE));
        return session.call(what, () -> HttpCall.api("GET", url, null), reply -> {
                    if (!reply.isSuccess()) {
                        return replies.statusVerdict(session, reply, what);
                    }
                    JsonNode root = Json.parseOrNull(reply);
                    if (root == null) {
                        return ModelStudioReplies.garbled(session, reply, what, ModelStudioProvider.WAIT_ADVICE);
                    }
                    JsonNode data = root.get("data");
                    if (data == null || !data.isArray()) {
                        return Verdict.fail(new ProtocolException("Model Studio's task list has no data array."
                                + ModelStudioReplies.requestId(session, reply) + ModelStudioProvider.WAIT_ADVICE));
                    }
                    return Verdict.success(root);
                })
                .thenCompose(root -> {
                    JsonNode data = root.get("data");
                    for (JsonNode task : data) {
                        String id = Json.text(task, "task_id");
                        String taskModel = Json.text(task, "model_name");
                        Instant created = instant(task.get("gmt_create"));
                        boolean inWindow = created == null || (!created.isBefore(from) && !created.isAfter(to));
                        if (id != null && inWindow && (taskModel == null || taskModel.equals(model))) {
                            found.add(id);
                        }
                    }
                    int pages = root.path("total_page").asInt(1);
                    if (page < pages && page < MAX_PAGES && data.size() >= PAGE_SIZE) {
                        return page(session, replies, model, from, to, page + 1, found);
                    }
                    return CompletableFuture.completedFuture(List.copyOf(found));
                });
    }

    /**
     * A task's creation time: epoch milliseconds (or seconds), a printed time in Beijing time, or
     * ISO-8601; null when unreadable.
     */
    static Instant instant(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (node.isNumber() || node.asText().strip().matches("\\d{9,}")) {
                long v = node.asLong();
                return v > 100_000_000_000L ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
            }
            String text = node.asText().strip();
            try {
                return LocalDateTime.parse(text, PRINTED_TIME).toInstant(ZoneOffset.ofHours(8));
            } catch (DateTimeParseException e) {
                return Instant.parse(text);
            }
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }
}

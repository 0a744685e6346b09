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
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Atlas Cloud's listing of recent jobs ({@code GET /model/history}), read to find a job whose
 * submit reply was lost: an entry matches when the digest of its inputs, read with either of the
 * host's spellings, is the digest of what was submitted.
 */
final class AtlasHistory {
    static final String PATH = "/model/history?no=%d&size=%d&model=%s";
    static final int PAGE_SIZE = 20;
    static final int MAX_PAGES = 5;
    static final Duration SLACK = Duration.ofMinutes(2);

    private AtlasHistory() {}

    /**
     * The ids of the jobs created from an input with {@code inputDigest} no earlier than {@link
     * #SLACK} before {@code submittedAt}, newest first, read from at most {@link #MAX_PAGES} pages.
     */
    static CompletableFuture<List<String>> find(
            HostSession session, String model, String inputDigest, Instant submittedAt) {
        Instant notBefore = submittedAt.minus(SLACK);
        List<String> matches = new ArrayList<>();
        return historyPage(session, model, inputDigest, notBefore, 1, matches);
    }

    private static CompletableFuture<List<String>> historyPage(
            HostSession session, String model, String inputDigest, Instant notBefore, int page, List<String> matches) {
        String what = "list recent jobs (page " + page + ")";
        URI url = session.api(
                String.format(Locale.ROOT, PATH, page, PAGE_SIZE, URLEncoder.encode(model, StandardCharsets.UTF_8)));
        return session.call(what, () -> HttpCall.api("GET", url, null), reply -> {
                    if (!reply.isSuccess()) {
                        return AtlasCloudProvider.statusVerdict(session, reply, what);
                    }
                    JsonNode data = Json.object(Json.parseOrNull(reply), "data");
                    if (data == null) {
                        return AtlasCloudProvider.garbled(session, reply, what, AtlasCloudProvider.WAIT_ADVICE);
                    }
                    JsonNode list = data.get("list");
                    if (list == null || !list.isArray()) {
                        return Verdict.fail(new ProtocolException("Atlas Cloud's history reply has no data.list."
                                + AtlasCloudProvider.requestId(session, reply) + AtlasCloudProvider.WAIT_ADVICE));
                    }
                    return Verdict.success(list);
                })
                .thenCompose(list -> {
                    boolean older = false;
                    for (JsonNode task : list) {
                        Instant created = instant(task.get("created_at"));
                        if (created != null && created.isBefore(notBefore)) {
                            older = true;
                            continue;
                        }
                        JsonNode input = Json.object(task, "input");
                        String id = Json.text(task, "id");
                        if (input != null
                                && id != null
                                && inputOf(input).digest().equals(inputDigest)) {
                            matches.add(id);
                        }
                    }
                    boolean more = list.size() >= PAGE_SIZE && !older && page < MAX_PAGES;
                    if (more) {
                        return historyPage(session, model, inputDigest, notBefore, page + 1, matches);
                    }
                    return CompletableFuture.completedFuture(List.copyOf(matches));
                });
    }

    /** An ISO-8601 text or epoch seconds/milliseconds; null when unreadable or out of range. */
    static Instant instant(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            long v = node.asLong();
            try {
                return v > 100_000_000_000L ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
            } catch (DateTimeException | ArithmeticException e) {
                // Beyond Instant's range: no date at all, so the entry counts as undated.
                return null;
            }
        }
        String text = node.asText().strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** The inputs a history entry was submitted with, read with either spelling. */
    static SubmittedInput inputOf(JsonNode input) {
        List<String> images = new ArrayList<>();
        JsonNode list = input.get(AtlasCloudProvider.Fields.IMAGES);
        if (list != null && list.isArray()) {
            list.forEach(i -> images.add(i.asText()));
        }
        String aspect = Json.text(input, AtlasCloudProvider.Fields.ASPECT_RATIO);
        if (aspect == null) {
            aspect = Json.text(input, AtlasCloudProvider.Fields.ASPECT_RATIO_ALTERNATIVE);
        }
        JsonNode duration = input.get(AtlasCloudProvider.Fields.DURATION);
        JsonNode seed = input.get(AtlasCloudProvider.Fields.SEED);
        return new SubmittedInput(
                Json.text(input, AtlasCloudProvider.Fields.PROMPT),
                images,
                Json.text(input, AtlasCloudProvider.Fields.RESOLUTION),
                aspect,
                duration == null ? -1 : duration.asInt(-1),
                seed == null || seed.isNull() ? null : seed.asLong());
    }
}

package io.jenkins.plugins.happyhorse.acceptance.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One reading of the simulator's counters ({@code GET /_simulator/stats}): submissions and
 * charges per host, requests per route, the media and storage origins' Authorization headers and
 * the jobs.
 * Scenarios that run at the same time count their own jobs by a marker in their prompt.
 */
public final class SimulatorCounters {
    private final JsonNode json;

    SimulatorCounters(JsonNode json) {
        this.json = json;
    }

    /** A job as the simulator lists it. */
    public record Job(
            String id,
            String host,
            String prompt,
            BigDecimal cost,
            String status,
            boolean finished,
            long polls,
            long downloads,
            Instant createdAt,
            Instant completesAt) {}

    /** An Authorization header the media origin received (never its value). */
    public record MediaAuthorization(String method, String path, String scheme, boolean carriesApiKey) {}

    /** Jobs accepted on {@code host} ({@code wavespeed}, {@code atlascloud} or {@code total}). */
    public long submissions(String host) {
        return json.path("submissions").path(host).asLong();
    }

    /** USD charged on {@code host} ({@code wavespeed}, {@code atlascloud} or {@code total}). */
    public BigDecimal charges(String host) {
        JsonNode node = json.path("charges").path(host);
        return node.isMissingNode() ? BigDecimal.ZERO : node.decimalValue();
    }

    /** Requests on a route, by the simulator's route name ({@code WS_SUBMIT}, {@code MEDIA_GET}, ...). */
    public long requests(String route) {
        return json.path("requests").path(route).asLong();
    }

    /** Submits {@code host} refused with 429 (its account's limits), which created and charged nothing. */
    public long refusedSubmits(String host) {
        return json.path("refusedSubmits").path(host).asLong();
    }

    /** Requests on every route together, as the hosts received them. */
    public long totalRequests() {
        long total = 0;
        for (JsonNode count : json.path("requests")) {
            total += count.asLong();
        }
        return total + json.path("unmatchedRequests").asLong();
    }

    /**
     * Completion callbacks by what became of them: {@code planned}, {@code sent}, {@code accepted}
     * (the receiver answered 2xx), {@code refused} (another status), {@code failed} (no answer),
     * {@code dropped} (lost on purpose).
     */
    public long webhooks(String outcome) {
        return json.path("webhooks").path(outcome).asLong();
    }

    /** Requests refused for a missing or wrong key. */
    public long authenticationFailures() {
        return json.path("authenticationFailures").asLong();
    }

    /** Every Authorization header the media origin received, oldest first. */
    public List<MediaAuthorization> mediaAuthorizations() {
        List<MediaAuthorization> seen = new ArrayList<>();
        for (JsonNode entry : json.path("mediaAuthorizations")) {
            seen.add(new MediaAuthorization(
                    entry.path("method").asText(),
                    entry.path("path").asText(),
                    entry.path("scheme").asText(),
                    entry.path("carriesApiKey").asBoolean()));
        }
        return seen;
    }

    /**
     * Every Authorization header Model Studio's storage origin received, oldest first: it must
     * never get one, the upload form being signed by the policy instead.
     */
    public List<MediaAuthorization> storageAuthorizations() {
        List<MediaAuthorization> seen = new ArrayList<>();
        for (JsonNode entry : json.path("storageAuthorizations")) {
            seen.add(new MediaAuthorization(
                    entry.path("method").asText(),
                    entry.path("path").asText(),
                    entry.path("scheme").asText(),
                    entry.path("carriesApiKey").asBoolean()));
        }
        return seen;
    }

    /** Whether the job {@code id} asked the host for its watermark (as the host applied it). */
    public boolean watermarked(String id) {
        for (JsonNode entry : json.path("jobs")) {
            if (entry.path("id").asText().equals(id)) {
                return entry.path("watermark").asBoolean();
            }
        }
        throw new IllegalArgumentException("no job " + id + " in " + json);
    }

    /** Every job, oldest first. */
    public List<Job> jobs() {
        List<Job> jobs = new ArrayList<>();
        for (JsonNode entry : json.path("jobs")) {
            jobs.add(new Job(
                    entry.path("id").asText(),
                    entry.path("host").asText(),
                    entry.path("prompt").asText(),
                    entry.path("cost").decimalValue(),
                    entry.path("status").asText(),
                    entry.path("finished").asBoolean(),
                    entry.path("polls").asLong(),
                    entry.path("downloads").asLong(),
                    Instant.parse(entry.path("createdAt").asText("1970-01-01T00:00:00Z")),
                    Instant.parse(entry.path("completesAt").asText("1970-01-01T00:00:00Z"))));
        }
        return jobs;
    }

    /** The jobs whose prompt contains {@code marker}: one scenario's submissions. */
    public List<Job> jobsFor(String marker) {
        return jobs().stream().filter(job -> job.prompt().contains(marker)).toList();
    }

    /** USD charged for the jobs whose prompt contains {@code marker}. */
    public BigDecimal chargesFor(String marker) {
        return jobsFor(marker).stream().map(Job::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Override
    public String toString() {
        return json.toString();
    }
}

package io.jenkins.plugins.happyhorse.client.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.connection.RetryPolicy;
import io.jenkins.plugins.happyhorse.client.engine.PollingPolicy;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderOptions;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.fuzz.FuzzHost.Script;
import io.jenkins.plugins.happyhorse.client.fuzz.FuzzHost.Target;
import io.jenkins.plugins.happyhorse.client.http.SubmitReplyLostException;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.testing.TestFiles;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.core5.http.HttpException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property test of the hosts' reply parsers through the whole engine: thousands of renders, each
 * against a loopback host whose reply to one call (upload, submit, poll or history, on either
 * host) is a seeded damage of a valid body, served with a 2xx or an error status. Whatever the
 * body, the render must end, and end in a specific {@link RenderException} subclass with a
 * message, never in an unexpected exception (a NullPointerException, ClassCastException,
 * IllegalArgumentException, DateTimeException and the like, even wrapped as a cause), never
 * showing the key, and the key never travels with a media call.
 *
 * <p>{@code -Dhh.fuzz.cases=N} and {@code -Dhh.fuzz.seed=S} change the run (4,000 cases, seed 1
 * by default); a failure names the case's seed, and {@code -Dhh.fuzz.case=SEED} replays that
 * case alone.
 */
class ResponseParserFuzzTest {
    private static final int[] ERROR_STATUSES = {201, 202, 204, 302, 400, 401, 402, 404, 409, 418, 422, 429, 500, 503};

    /** Exceptions a failure may carry as causes: the engine's own, and I/O of the transport. */
    private static final List<Class<?>> EXPECTED_CAUSES = List.of(
            RenderException.class,
            SubmitReplyLostException.class,
            CompletionException.class,
            ExecutionException.class,
            CancellationException.class,
            TimeoutException.class,
            URISyntaxException.class,
            HttpException.class,
            UncheckedIOException.class);

    /**
     * Reported defects not fixed yet, each reproduced by a disabled test in {@link
     * ReplyEdgeCasesTest}, and the text that identifies them in a violation. Remove an entry when
     * its defect is fixed. (D5 and D6 were fixed; none is open.)
     */
    private static final Map<String, String> KNOWN_DEFECTS = Map.of();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyDamagedReplyEndsInATypedFailure() throws IOException {
        int cases = Long.getLong("hh.fuzz.case") != null ? 1 : Integer.getInteger("hh.fuzz.cases", 4000);
        long seed = Long.getLong("hh.fuzz.seed", 1L);
        // 640x480 by its header: large enough for every host's limits.
        Path picture = TestFiles.write(dir, "horse.png", TestFiles.png(64, 640, 480));
        SteppedScheduler scheduler = new SteppedScheduler();
        Map<String, List<String>> violations = new TreeMap<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        try (FuzzHost host = new FuzzHost(scheduler::now);
                RenderEngine engine = RenderEngine.builder()
                        .endpoint(ProviderId.WAVESPEED, host.waveSpeedBase())
                        .endpoint(ProviderId.ATLASCLOUD, host.atlasBase())
                        .endpoint(ProviderId.MODELSTUDIO, host.modelStudioBase())
                        .scheduler(scheduler)
                        .responseTimeout(Duration.ofSeconds(2))
                        .retryPolicy(RetryPolicy.builder()
                                .maxAttempts(2)
                                .baseDelay(Duration.ofMillis(100))
                                .random(new Random(seed))
                                .build())
                        .pollingPolicy(PollingPolicy.builder()
                                .expectedTime(2, 0, 1)
                                .denseInterval(Duration.ofMillis(200))
                                .maxInterval(Duration.ofSeconds(1))
                                .build())
                        .build()) {
            Long only = Long.getLong("hh.fuzz.case");
            for (int i = 0; i < cases; i++) {
                // Everything about a case follows from its own seed, so one case can be replayed alone.
                long caseSeed = only != null ? only : seed * 1_000_003L + i;
                Random r = new Random(caseSeed);
                ProviderId provider = ProviderId.values()[r.nextInt(ProviderId.values().length)];
                host.nextCase();
                // Each case on its own: an hour later the engine has forgotten the earlier cases'
                // submits (it keeps them 30 minutes), which would be rivals of a lost reply.
                scheduler.advance(Duration.ofHours(1));
                Target target = target(provider, r);
                JsonNode valid =
                        switch (target) {
                            case UPLOAD -> host.validUpload(provider);
                            case SUBMIT -> host.validSubmit(provider);
                            case POLL ->
                                host.validPoll(
                                        provider, new String[] {"completed", "failed", "processing"}[r.nextInt(3)]);
                            case HISTORY -> host.validHistory(provider);
                        };
                byte[] body = new JsonMutator(caseSeed, host.port()).mutate(valid);
                int status = r.nextInt(5) == 0 ? ERROR_STATUSES[r.nextInt(ERROR_STATUSES.length)] : 200;
                host.play(new Script(target, status, body));

                RenderRequest request = RenderRequest.builder()
                        .provider(provider)
                        .image(target == Target.UPLOAD ? picture.toString() : "https://images.example.com/horse.png")
                        .prompt("A horse gallops along a beach at sunset")
                        .duration(3)
                        .seed(7L)
                        .build();
                RenderHandle handle = engine.start(
                        request,
                        RenderOptions.builder()
                                .apiKey(ApiKey.of(FuzzHost.KEY))
                                .output(dir.resolve("out").resolve("clip-" + i + ".mp4"))
                                .deadline(Duration.ofMinutes(10))
                                .build());
                String label =
                        provider.id() + " " + target + " " + status + " case seed " + caseSeed + ": " + excerpt(body);
                String outcome = judge(handle, label, violations);
                outcomes.merge(target + " -> " + outcome, 1, Integer::sum);
            }
            assertThat(host.keyOffApi()).as("media calls that carried the key").isEmpty();
        }
        StringBuilder report = new StringBuilder("Fuzz outcomes (" + cases + " cases, seed " + seed + "):\n");
        outcomes.forEach(
                (k, v) -> report.append("  ").append(k).append(": ").append(v).append('\n'));
        System.out.println(report);
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".part")))
                    .as("temporary files left")
                    .isEmpty();
        } catch (java.nio.file.NoSuchFileException e) {
            // No case got as far as a download.
        }
        List<String> summary = new ArrayList<>();
        violations.forEach((kind, examples) -> {
            String known = KNOWN_DEFECTS.entrySet().stream()
                    .filter(d ->
                            kind.contains(d.getValue()) || examples.stream().allMatch(e -> e.contains(d.getValue())))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(null);
            String line = kind + " (" + examples.size() + " cases, e.g. " + examples.get(0) + ")";
            if (known == null) {
                summary.add(line);
            } else {
                System.out.println("Known defect " + known + " (see ReplyEdgeCasesTest): " + line);
            }
        });
        assertThat(summary).as("unexpected outcomes").isEmpty();
    }

    private static Target target(ProviderId provider, Random pick) {
        int n = pick.nextInt(100);
        if (n < 15) {
            return Target.UPLOAD;
        }
        if (n < 40) {
            return Target.SUBMIT;
        }
        if (provider != ProviderId.WAVESPEED && n < 55) {
            return Target.HISTORY;
        }
        return Target.POLL;
    }

    /** The outcome's name; records a violation when it is not a specific, clean failure. */
    private static String judge(RenderHandle handle, String label, Map<String, List<String>> violations) {
        Throwable error;
        try {
            handle.result().get(15, TimeUnit.SECONDS);
            return "success";
        } catch (ExecutionException e) {
            error = e.getCause();
        } catch (TimeoutException e) {
            handle.cancel();
            violations
                    .computeIfAbsent("no end within 15 s", k -> new ArrayList<>())
                    .add(label);
            return "hung";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        String kind = problem(error);
        if (kind != null) {
            violations.computeIfAbsent(kind, k -> new ArrayList<>()).add(label + " -> " + error);
        }
        return error.getClass().getSimpleName();
    }

    /** What is wrong with a failure, or null when it is a specific, clean one. */
    static String problem(Throwable error) {
        if (!(error instanceof RenderException)) {
            return "untyped " + error.getClass().getName();
        }
        if (error.getClass() == RenderException.class) {
            Throwable cause = error.getCause();
            return "the catch-all RenderException (cause "
                    + (cause == null ? "none" : cause.getClass().getName()) + ")";
        }
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return "no message in " + error.getClass().getSimpleName();
        }
        if (message.contains(FuzzHost.KEY)) {
            return "the key in a message";
        }
        for (Throwable t = error.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof IOException) {
                break; // the transport's own failure; what it wraps is the HTTP library's business
            }
            Throwable cause = t;
            if (EXPECTED_CAUSES.stream().noneMatch(c -> c.isInstance(cause))) {
                return error.getClass().getSimpleName() + " caused by "
                        + t.getClass().getName();
            }
        }
        return null;
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}

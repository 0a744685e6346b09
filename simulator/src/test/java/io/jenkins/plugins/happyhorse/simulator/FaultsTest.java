package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FaultsTest extends SimulatorTestSupport {

    @Test
    void rateLimitComesWithOrWithoutRetryAfter() throws Exception {
        String id = submitWaveSpeed(body());
        sim.faults()
                .next(Route.WS_RESULT, Fault.status(429).retryAfter(Duration.ofMillis(2500)))
                .next(Route.WS_RESULT, Fault.status(429));

        HttpResponse<byte[]> withHeader = client.get(ws("/api/v3/predictions/" + id + "/result"));
        HttpResponse<byte[]> without = client.get(ws("/api/v3/predictions/" + id + "/result"));
        HttpResponse<byte[]> after = client.get(ws("/api/v3/predictions/" + id + "/result"));

        assertThat(withHeader.statusCode()).isEqualTo(429);
        assertThat(withHeader.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(TestClient.json(withHeader).path("code").asInt()).isEqualTo(429);
        assertThat(without.statusCode()).isEqualTo(429);
        assertThat(without.headers().firstValue("Retry-After")).isEmpty();
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(sim.stats().faults(Fault.Kind.STATUS)).isEqualTo(2);
    }

    @Test
    void serverErrorsAnswerTheirStatusAndCreateNothing() throws Exception {
        for (int status : new int[] {500, 502, 503, 504}) {
            sim.faults().next(Route.WS_SUBMIT, Fault.status(status));
            HttpResponse<byte[]> reply =
                    client.postJson(ws("/api/v3/alibaba/happyhorse-1.0/reference-to-video"), body());
            assertThat(reply.statusCode()).isEqualTo(status);
            assertThat(TestClient.json(reply).path("code").asInt()).isEqualTo(status);
        }
        assertThat(sim.stats().submissions()).isZero();
        assertThat(sim.stats().requests(Route.WS_SUBMIT)).isEqualTo(4);
    }

    @Test
    void resetClosesTheConnectionWithoutSendingAByte() throws Exception {
        sim.faults().next(Route.WS_RESULT, Fault.reset()).next(Route.WS_SUBMIT, Fault.reset());
        String get =
                "GET /api/v3/predictions/abc/result HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY + "\r\n\r\n";
        String post = "POST /api/v3/alibaba/happyhorse-1.0/reference-to-video HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";

        TestClient.RawReply onGet = TestClient.raw(sim.waveSpeedBaseUrl(), get, Duration.ofSeconds(5));
        TestClient.RawReply onPost = TestClient.raw(sim.waveSpeedBaseUrl(), post, Duration.ofSeconds(5));

        assertThat(onGet.closed()).isTrue();
        assertThat(onGet.bytes()).isEmpty();
        assertThat(onPost.closed()).isTrue();
        assertThat(onPost.bytes()).isEmpty();
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void aResetFailsAPlainHttpClientPost() {
        sim.faults().next(Route.AC_SUBMIT, Fault.reset());

        assertThatThrownBy(() -> client.postJson(atlas("/model/generateVideo"), atlasBody()))
                .isInstanceOf(IOException.class);
        assertThat(sim.stats().faults(Fault.Kind.RESET)).isEqualTo(1);
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void theJdkClientRetriesAGetThatWasResetOnce() throws Exception {
        // Worth knowing for anyone testing with java.net.http: a GET closed before any reply
        // byte is sent again transparently, so a single reset does not surface there.
        sim.faults().next(Route.AC_HISTORY, Fault.reset());

        HttpResponse<byte[]> reply = client.get(atlas("/model/history"));

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(sim.stats().requests(Route.AC_HISTORY)).isEqualTo(2);
    }

    @Test
    void aDelayedReplyArrivesLaterAndHoldsNoServerThread() throws Exception {
        try (Simulator single = Simulator.builder().apiKey(KEY).threads(1).start()) {
            URI history = URI.create(single.atlasCloudBaseUrl() + "/model/history");
            single.faults().next(Route.AC_HISTORY, Fault.delay(Duration.ofMillis(300)));
            long start = System.nanoTime();
            HttpResponse<byte[]> late = client.get(history);
            long lateMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(late.statusCode()).isEqualTo(200);
            assertThat(lateMillis).as("never early").isGreaterThanOrEqualTo(300);

            // While a request waits out a delay far longer than this test, the only thread serves others.
            single.faults().next(Route.AC_HISTORY, Fault.delay(Duration.ofHours(1)));
            CompletableFuture<HttpResponse<byte[]>> delayed =
                    client.http.sendAsync(client.authed(history).build(), HttpResponse.BodyHandlers.ofByteArray());
            awaitRequests(single, Route.AC_HISTORY, 2);
            HttpResponse<byte[]> meanwhile = client.get(history);

            assertThat(meanwhile.statusCode()).isEqualTo(200);
            assertThat(delayed).isNotDone();
        }
    }

    @Test
    void noReplyKeepsTheConnectionUntilTheClientGivesUpWithoutHoldingAThread() throws Exception {
        try (Simulator single = Simulator.builder().apiKey(KEY).threads(1).start()) {
            URI history = URI.create(single.atlasCloudBaseUrl() + "/model/history");
            single.faults().next(Route.AC_HISTORY, Fault.noReply());
            CompletableFuture<HttpResponse<byte[]>> unanswered =
                    client.http.sendAsync(client.authed(history).build(), HttpResponse.BodyHandlers.ofByteArray());
            awaitHeld(single, 1);

            assertThat(single.heldRequests()).isEqualTo(1);
            assertThat(client.get(history).statusCode())
                    .as("the only thread is free")
                    .isEqualTo(200);
            assertThat(unanswered).isNotDone();

            // The client gives up; the simulator keeps the connection until its hold limit or close.
            unanswered.cancel(true);
            assertThat(single.heldRequests()).isEqualTo(1);
        }
    }

    @Test
    void heldRequestsAreReleasedWithoutAReplyWhenTheSimulatorCloses() throws Exception {
        sim.faults().next(Route.WS_RESULT, Fault.noReply());
        String get = "GET /api/v3/predictions/abc/result HTTP/1.1\r\nHost: x\r\n\r\n";
        CompletableFuture<TestClient.RawReply> reply = CompletableFuture.supplyAsync(() -> {
            try {
                return TestClient.raw(sim.waveSpeedBaseUrl(), get, Duration.ofSeconds(20));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        awaitHeld(sim, 1);
        assertThat(reply).isNotDone();

        sim.close();

        TestClient.RawReply raw = reply.get(10, TimeUnit.SECONDS);
        assertThat(raw.closed()).isTrue();
        assertThat(raw.bytes()).isEmpty();
    }

    @Test
    void heldRequestsAreReleasedAfterTheHoldLimit() throws Exception {
        try (Simulator limited =
                Simulator.builder().apiKey(KEY).maxHold(Duration.ofMillis(200)).start()) {
            limited.faults().next(Route.AC_HISTORY, Fault.noReply());
            String get = "GET /api/v1/model/history HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY + "\r\n\r\n";

            TestClient.RawReply raw = TestClient.raw(limited.waveSpeedBaseUrl(), get, Duration.ofSeconds(10));

            assertThat(raw.closed()).isTrue();
            assertThat(raw.bytes()).isEmpty();
            assertThat(limited.heldRequests()).isZero();
        }
    }

    @Test
    void aLostSubmitReplyCreatesAndChargesTheJobButAnswersNothing() throws Exception {
        sim.faults().next(Route.WS_SUBMIT, Fault.lostSubmitReply()).next(Route.AC_SUBMIT, Fault.lostSubmitReply());

        assertThatThrownBy(() -> client.postJson(ws("/api/v3/alibaba/happyhorse-1.0/reference-to-video"), body()))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(
                        () -> new TestClient(KEY).postJson(atlas("/model/generateVideo"), atlasBody("prompt", "lost")))
                .isInstanceOf(IOException.class);

        assertThat(sim.stats().submissions(Host.WAVESPEED)).isEqualTo(1);
        assertThat(sim.stats().submissions(Host.ATLASCLOUD)).isEqualTo(1);
        assertThat(sim.stats().charges(Host.WAVESPEED)).isEqualByComparingTo("0.70");
        assertThat(sim.jobs()).hasSize(2);
        HttpResponse<byte[]> history = new TestClient(KEY).get(atlas("/model/history"));
        assertThat(TestClient.json(history)
                        .path("data")
                        .path("list")
                        .get(0)
                        .path("input")
                        .path("prompt")
                        .asText())
                .isEqualTo("lost");
    }

    @Test
    void malformedJsonIsAnOkReplyThatDoesNotParse() throws Exception {
        sim.faults().next(Route.WS_RESULT, Fault.malformedJson());

        HttpResponse<byte[]> reply = client.get(ws("/api/v3/predictions/abc/result"));

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThatThrownBy(() -> TestClient.json(reply)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void aTruncatedBodyAnnouncesMoreThanItSends() throws Exception {
        String id = submitWaveSpeed(body());
        sim.faults().next(Route.WS_RESULT, Fault.truncatedBody());
        String get = "GET /api/v3/predictions/" + id + "/result HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY
                + "\r\n\r\n";

        TestClient.RawReply raw = TestClient.raw(sim.waveSpeedBaseUrl(), get, Duration.ofSeconds(5));

        assertThat(raw.closed()).isTrue();
        String text = raw.text();
        assertThat(text).startsWith("HTTP/1.1 200");
        long announced = Long.parseLong(text.replaceAll("(?s).*[Cc]ontent-[Ll]ength: (\\d+).*", "$1"));
        int bodyBytes = raw.bytes().length - (text.indexOf("\r\n\r\n") + 4);
        assertThat(bodyBytes).isEqualTo(announced / 2);
    }

    @Test
    void aTruncatedDownloadFailsAPlainHttpClient() throws Exception {
        String output = completedWaveSpeedOutput();
        sim.faults().next(Route.MEDIA_GET, Fault.truncatedBody());

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(output))))
                .isInstanceOf(IOException.class);
        assertThat(client.send(HttpRequest.newBuilder(URI.create(output))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aCorruptDownloadKeepsItsLengthButLosesItsBoxes() throws Exception {
        String output = completedWaveSpeedOutput();
        byte[] clean = client.send(HttpRequest.newBuilder(URI.create(output))).body();
        sim.faults().next(Route.MEDIA_GET, Fault.corruptBody());

        byte[] corrupt = client.send(HttpRequest.newBuilder(URI.create(output))).body();

        assertThat(corrupt).hasSameSizeAs(clean).isNotEqualTo(clean);
        assertThat(new String(clean, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        assertThat(new String(corrupt, 4, 4, StandardCharsets.US_ASCII)).isNotEqualTo("ftyp");
        assertThatThrownBy(() -> new Mp4Probe(corrupt).parseSps()).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aRedirectPointsTheClientElsewhere() throws Exception {
        URI elsewhere = URI.create(sim.mediaBaseUrl() + "/elsewhere");
        sim.faults().next(Route.WS_RESULT, Fault.redirect(elsewhere));

        HttpResponse<byte[]> reply = client.get(ws("/api/v3/predictions/abc/result"));

        assertThat(reply.statusCode()).isEqualTo(302);
        assertThat(reply.headers().firstValue("Location")).hasValue(elsewhere.toString());
    }

    @Test
    void scriptedFaultsRepeatAndAnyCoversEveryRoute() throws Exception {
        sim.faults().next(Route.ANY, Fault.status(503), 2);
        assertThat(sim.faults().pendingFaults()).isEqualTo(2);

        int first = client.get(atlas("/model/history")).statusCode();
        int second = client.get(ws("/api/v3/predictions/abc/result")).statusCode();
        int third = client.get(atlas("/model/history")).statusCode();

        assertThat(first).isEqualTo(503);
        assertThat(second).isEqualTo(503);
        assertThat(third).isEqualTo(200);
        assertThat(sim.faults().pendingFaults()).isZero();
    }

    @Test
    void randomFaultsFollowTheirRateAndClearStopsThem() throws Exception {
        sim.faults().random(Route.AC_HISTORY, 0.5, Fault.status(500), Fault.status(502));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            statuses.add(client.get(atlas("/model/history")).statusCode());
        }
        sim.faults().clear();

        long failures = statuses.stream().filter(s -> s != 200).count();
        assertThat(failures).isBetween(30L, 90L);
        assertThat(new HashSet<>(statuses)).containsExactlyInAnyOrder(200, 500, 502);
        assertThat(client.get(atlas("/model/history")).statusCode()).isEqualTo(200);
    }

    @Test
    void theSameSeedPlaysTheSameRandomFaults() throws Exception {
        assertThat(randomStatuses(7)).isEqualTo(randomStatuses(7)).isNotEqualTo(randomStatuses(8));
    }

    @Test
    void wrongDurationAndWrongSizeProduceClipsThatDisagreeWithTheRequest() throws Exception {
        sim.faults().nextJob(Outcome.WRONG_DURATION).nextJob(Outcome.WRONG_SIZE);
        String longer = submitWaveSpeed(body("duration", 3));
        String smaller = submitWaveSpeed(body("duration", 5, "aspect_ratio", "1:1"));
        advance(PROCESSING);

        Mp4Probe wrongDuration = new Mp4Probe(download(longer));
        Mp4Probe wrongSize = new Mp4Probe(download(smaller));

        assertThat(wrongDuration.movieDuration / wrongDuration.movieTimescale).isEqualTo(5);
        assertThat(wrongSize.movieDuration / wrongSize.movieTimescale).isEqualTo(5);
        assertThat(wrongSize.trackWidth).as("480 / picture scale 8").isEqualTo(60);
        assertThat(wrongSize.trackHeight).isEqualTo(60);
    }

    @Test
    void anExpiredOutputAnswers403Or404() throws Exception {
        sim.faults().nextJob(Outcome.EXPIRED_OUTPUT, 12);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(submitWaveSpeed(body()));
        }
        advance(PROCESSING);

        Set<Integer> statuses = new HashSet<>();
        for (String id : ids) {
            String url = waveSpeedResult(id).path("outputs").get(0).asText();
            statuses.add(client.send(HttpRequest.newBuilder(URI.create(url))).statusCode());
        }
        assertThat(statuses).containsExactlyInAnyOrder(403, 404);
    }

    @Test
    void randomJobOutcomesApplyWhenNoneIsScripted() throws Exception {
        sim.faults().randomJobs(1.0, Outcome.TIMEOUT).nextJob(Outcome.CANCEL);

        String scripted = submitWaveSpeed(body());
        String random = submitWaveSpeed(body());

        assertThat(sim.job(scripted).orElseThrow().outcome()).isEqualTo(Outcome.CANCEL);
        assertThat(sim.job(random).orElseThrow().outcome()).isEqualTo(Outcome.TIMEOUT);
    }

    @Test
    void faultsRefuseNonsense() {
        assertThatThrownBy(() -> Fault.status(200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.reset().retryAfter(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sim.faults().random(Route.ANY, 1.5, Fault.reset()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.faults().next(Route.ANY, Fault.reset(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Fault.status(429).retryAfter(Duration.ofSeconds(2)).toString())
                .isEqualTo("status(429).retryAfter(PT2S)");
    }

    private List<Integer> randomStatuses(long seed) throws Exception {
        try (Simulator seeded = Simulator.builder().apiKey(KEY).seed(seed).start()) {
            seeded.faults().random(Route.AC_HISTORY, 0.5, Fault.status(500), Fault.status(503));
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                statuses.add(client.get(URI.create(seeded.atlasCloudBaseUrl() + "/model/history"))
                        .statusCode());
            }
            return statuses;
        }
    }

    private String completedWaveSpeedOutput() throws Exception {
        String id = submitWaveSpeed(body());
        advance(PROCESSING);
        return waveSpeedResult(id).path("outputs").get(0).asText();
    }

    private byte[] download(String id) throws Exception {
        String url = waveSpeedResult(id).path("outputs").get(0).asText();
        HttpResponse<byte[]> reply = client.send(HttpRequest.newBuilder(URI.create(url)));
        assertThat(reply.statusCode()).isEqualTo(200);
        return reply.body();
    }

    /** Waits (a bounded wait) until the simulator holds {@code count} requests without a reply. */
    static void awaitHeld(Simulator simulator, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (simulator.heldRequests() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the simulator never held " + count + " requests");
            }
            Thread.sleep(5);
        }
    }

    static void awaitRequests(Simulator simulator, Route route, long count) throws InterruptedException {
        // A safety bound: the request is on its way and arrives within milliseconds.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (simulator.stats().requests(route) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the simulator never saw " + count + " requests on " + route);
            }
            Thread.sleep(5);
        }
    }
}

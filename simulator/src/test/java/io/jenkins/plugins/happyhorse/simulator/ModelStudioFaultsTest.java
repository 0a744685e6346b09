package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The faults of the other hosts, aimed at Model Studio's routes. */
class ModelStudioFaultsTest extends ModelStudioTestSupport {

    @Test
    void aScripted429OnTheSubmitIsARateQuotaRefusalThatCreatesNothing() throws Exception {
        sim.faults().next(Route.MS_SUBMIT, Fault.status(429));

        HttpResponse<byte[]> limited = postSubmit(msBody());
        HttpResponse<byte[]> after = postSubmit(msBody());

        assertThat(limited.statusCode()).isEqualTo(429);
        JsonNode json = TestClient.json(limited);
        assertThat(json.path("code").asText()).isEqualTo("Throttling.RateQuota");
        assertThat(json.path("message").asText()).isNotBlank();
        assertThat(json.path("request_id").asText()).isNotBlank();
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(sim.stats().submissions(Host.MODELSTUDIO)).isEqualTo(1);
        assertThat(sim.stats().throttledRequests())
                .as("a scripted fault, not the host's own limit")
                .isZero();
    }

    @Test
    void serverErrorsOnEveryRouteUseTheHostsEnvelope() throws Exception {
        String id = submitModelStudio(msBody());
        sim.faults()
                .next(Route.MS_TASK, Fault.status(500))
                .next(Route.MS_POLICY, Fault.status(503))
                .next(Route.MS_SUBMIT, Fault.status(504));

        HttpResponse<byte[]> taskReply = client.get(ms("/tasks/" + id));
        HttpResponse<byte[]> policyReply = client.get(ms("/uploads?action=getPolicy&model=" + MODEL));
        HttpResponse<byte[]> submitReply = postSubmit(msBody());

        assertThat(taskReply.statusCode()).isEqualTo(500);
        assertThat(TestClient.json(taskReply).path("code").asText()).isEqualTo("InternalError");
        assertThat(policyReply.statusCode()).isEqualTo(503);
        assertThat(TestClient.json(policyReply).path("request_id").asText()).isNotBlank();
        assertThat(submitReply.statusCode()).isEqualTo(504);
        assertThat(sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void aLostSubmitReplyStillCreatesAndChargesTheTask() {
        sim.faults().next(Route.MS_SUBMIT, Fault.lostSubmitReply());

        assertThatThrownBy(() -> postSubmit(msBody())).isInstanceOf(IOException.class);
        assertThat(sim.stats().submissions(Host.MODELSTUDIO)).isEqualTo(1);
        assertThat(sim.stats().charges(Host.MODELSTUDIO)).isEqualByComparingTo("0.70");
        assertThat(sim.jobs()).hasSize(1);
    }

    @Test
    void malformedAndTruncatedBodiesAndResetsReachTheTaskQuery() throws Exception {
        String id = submitModelStudio(msBody());
        sim.faults().next(Route.MS_TASK, Fault.malformedJson()).next(Route.MS_TASK, Fault.truncatedBody());

        HttpResponse<byte[]> malformed = client.get(ms("/tasks/" + id));
        assertThat(malformed.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> TestClient.json(malformed)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> client.get(ms("/tasks/" + id))).isInstanceOf(IOException.class);

        sim.faults().next(Route.MS_TASK, Fault.reset());
        String get = "GET /api/v1/tasks/" + id + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY + "\r\n\r\n";
        TestClient.RawReply reset = TestClient.raw(sim.waveSpeedBaseUrl(), get, Duration.ofSeconds(5));
        assertThat(reset.closed()).isTrue();
        assertThat(reset.bytes()).isEmpty();
        assertThat(task(id).path("output").path("task_status").asText()).isEqualTo("PENDING");
    }

    @Test
    void theStorageOriginPlaysFaultsInObjectStorageWords() throws Exception {
        JsonNode policy = policy(MODEL);
        URI host = URI.create(policy.path("upload_host").asText());
        sim.faults().next(Route.MS_STORAGE, Fault.status(503));

        HttpResponse<byte[]> unavailable = postForm(host, form(policy, "a.png", new byte[] {1, 2, 3}));
        HttpResponse<byte[]> retried = postForm(host, form(policy, "a.png", new byte[] {1, 2, 3}));

        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(new String(unavailable.body(), StandardCharsets.UTF_8)).contains("<Code>ServiceUnavailable</Code>");
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(sim.stats().storageUploads()).isEqualTo(1);
    }

    @Test
    void aDelayedQueryArrivesLater() throws Exception {
        String id = submitModelStudio(msBody());
        sim.faults().next(Route.MS_TASK, Fault.delay(Duration.ofMillis(200)));

        long start = System.nanoTime();
        JsonNode reply = task(id);

        assertThat(reply.path("output").path("task_status").asText()).isEqualTo("PENDING");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(sim.stats().faults(Fault.Kind.DELAY)).isEqualTo(1);
    }

    @Test
    void wrongDurationWrongSizeAndExpiredOutputsPlayOnThisHostToo() throws Exception {
        sim.faults().nextJob(Outcome.WRONG_DURATION).nextJob(Outcome.WRONG_SIZE).nextJob(Outcome.EXPIRED_OUTPUT);
        String shorter = submitModelStudio(msBody());
        String smaller = submitModelStudio(msBody());
        String expired = submitModelStudio(msBody());
        advance(PROCESSING);

        Mp4Probe shortClip = download(shorter);
        Mp4Probe smallClip = download(smaller);
        HttpResponse<byte[]> gone = client.send(HttpRequest.newBuilder(
                URI.create(task(expired).path("output").path("video_url").asText())));

        assertThat((double) shortClip.movieDuration / shortClip.movieTimescale).isEqualTo(3.0);
        assertThat(smallClip.trackHeight).isEqualTo(60);
        assertThat(gone.statusCode()).isIn(403, 404);
        assertThat(task(shorter).path("usage").path("duration").asInt())
                .as("billed as asked")
                .isEqualTo(5);
    }

    private Mp4Probe download(String id) throws Exception {
        HttpResponse<byte[]> video = client.send(HttpRequest.newBuilder(
                URI.create(task(id).path("output").path("video_url").asText())));
        assertThat(video.statusCode()).isEqualTo(200);
        return new Mp4Probe(video.body());
    }
}

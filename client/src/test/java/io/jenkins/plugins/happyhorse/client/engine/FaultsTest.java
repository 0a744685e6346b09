package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.error.AuthenticationException;
import io.jenkins.plugins.happyhorse.client.error.InsufficientBalanceException;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.error.JobFailedException;
import io.jenkins.plugins.happyhorse.client.error.OutputVerificationException;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.error.ProviderUnavailableException;
import io.jenkins.plugins.happyhorse.client.error.RateLimitedException;
import io.jenkins.plugins.happyhorse.client.media.VerificationPolicy;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultsTest extends SimulatorTestSupport {

    @Test
    void honoursRetryAfterOnA429() throws IOException {
        sim.faults().next(Route.WS_RESULT, Fault.status(429).retryAfter(Duration.ofSeconds(7)));
        scheduler.clearRecordedDelays();
        RenderResult result = await(
                engine.start(request(ProviderId.WAVESPEED).build(), options().build()));
        assertThat(result.output()).exists();
        assertThat(scheduler.recordedDelays()).contains(Duration.ofSeconds(7));
        assertThat(sim.stats().faults(Fault.Kind.STATUS)).isEqualTo(1);
    }

    @Test
    void backsOffWithJitterOnA429WithoutRetryAfter() throws IOException {
        // Atlas Cloud never sends Retry-After.
        sim.faults().next(Route.AC_PREDICTION, Fault.status(429), 3);
        PollingPolicy late = PollingPolicy.builder().phases(0.9, 0.95, 1.3).build();
        try (RenderEngine e = engineBuilder().pollingPolicy(late).build()) {
            scheduler.clearRecordedDelays();
            RenderResult result = await(
                    e.start(request(ProviderId.ATLASCLOUD).build(), options().build()));
            assertThat(result.output()).exists();
        }
        // The default policy's ceilings are 1, 2 and 4 s for the first three retries.
        assertThat(scheduler.recordedDelays())
                .filteredOn(d -> d.toMillis() <= 4000)
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(sim.stats().faults(Fault.Kind.STATUS)).isEqualTo(3);
    }

    @Test
    void givesUpWithRateLimitedWhen429sPersist() throws IOException {
        sim.faults().next(Route.WS_RESULT, Fault.status(429), 50);
        Throwable error = failure(
                engine.start(request(ProviderId.WAVESPEED).build(), options().build()));
        assertThat(error).isInstanceOf(RateLimitedException.class).hasMessageContaining("429");
        assertThat(sim.stats().requests(Route.WS_RESULT)).isEqualTo(6);
        assertNoTemporaryFilesLeft();
    }

    @Test
    void retriesServerErrorsResetsAndMalformedReplies() throws IOException {
        sim.faults()
                .next(Route.WS_UPLOAD, Fault.status(503))
                .next(Route.MEDIA_PUT, Fault.reset())
                .next(Route.WS_RESULT, Fault.status(500))
                .next(Route.WS_RESULT, Fault.reset())
                .next(Route.WS_RESULT, Fault.malformedJson())
                .next(Route.MEDIA_GET, Fault.status(502));
        RenderResult result = await(
                engine.start(request(ProviderId.WAVESPEED).build(), options().build()));
        assertThat(result.output()).exists();
        assertThat(sim.stats().submissions()).isEqualTo(1);
        assertThat(sim.stats().requests(Route.WS_SUBMIT)).isEqualTo(1);
    }

    @Test
    void retriesAReplyThatIsTooSlow() throws IOException {
        sim.faults().next(Route.AC_PREDICTION, Fault.delay(Duration.ofSeconds(3)));
        try (RenderEngine quick =
                engineBuilder().responseTimeout(Duration.ofMillis(300)).build()) {
            RenderResult result = await(quick.start(
                    request(ProviderId.ATLASCLOUD).build(), options().build()));
            assertThat(result.output()).exists();
        }
        assertThat(sim.stats().faults(Fault.Kind.DELAY)).isEqualTo(1);
    }

    @Test
    void aTruncatedDownloadIsRetriedAndThenRefusedNeverLeftAsOutput() throws IOException {
        sim.faults().next(Route.MEDIA_GET, Fault.truncatedBody());
        assertThat(await(engine.start(
                                request(ProviderId.WAVESPEED).build(), options().build()))
                        .output())
                .exists();
        Files.delete(output());

        sim.faults().next(Route.MEDIA_GET, Fault.truncatedBody(), 50);
        Throwable error = failure(
                engine.start(request(ProviderId.WAVESPEED).build(), options().build()));
        assertThat(error).isInstanceOf(OutputVerificationException.class).hasMessageContaining("completely");
        assertThat(output()).doesNotExist();
        assertNoTemporaryFilesLeft();
    }

    @Test
    void aCorruptDownloadIsAnErrorNotAnOutput() throws IOException {
        sim.faults().next(Route.MEDIA_GET, Fault.corruptBody());
        Throwable error = failure(
                engine.start(request(ProviderId.ATLASCLOUD).build(), options().build()));
        assertThat(error).isInstanceOf(OutputVerificationException.class).hasMessageContaining("MP4");
        assertThat(output()).doesNotExist();
        assertNoTemporaryFilesLeft();
    }

    @Test
    void clipsOfTheWrongDurationOrSizeAreRefused() throws IOException {
        sim.faults().nextJob(Outcome.WRONG_DURATION);
        assertThat(failure(engine.start(
                        request(ProviderId.WAVESPEED).build(), options().build())))
                .isInstanceOf(OutputVerificationException.class)
                .hasMessageContaining("was requested");
        sim.faults().nextJob(Outcome.WRONG_SIZE);
        assertThat(failure(engine.start(
                        request(ProviderId.WAVESPEED).build(),
                        options()
                                .verificationPolicy(VerificationPolicy.strict())
                                .build())))
                .isInstanceOf(OutputVerificationException.class)
                .hasMessageContaining("720p");
        assertThat(output()).doesNotExist();
        assertNoTemporaryFilesLeft();
    }

    @Test
    void failedTimedOutAndCancelledJobsFailWithTheHostsWords() throws IOException {
        for (ProviderId provider : ProviderId.values()) {
            for (Outcome outcome : new Outcome[] {Outcome.FAIL, Outcome.TIMEOUT, Outcome.CANCEL}) {
                sim.faults().nextJob(outcome);
                Throwable error = failure(
                        engine.start(request(provider).build(), options().build()));
                assertThat(error)
                        .as(provider + " " + outcome)
                        .isInstanceOf(JobFailedException.class)
                        .hasMessageContaining(provider.displayName());
                assertThat(((JobFailedException) error).predictionId()).isNotBlank();
            }
        }
        assertThat(output()).doesNotExist();
    }

    @Test
    void moderationRefusalsSaySo() throws IOException {
        sim.faults().nextJob(Outcome.MODERATION);
        Throwable atlas = failure(
                engine.start(request(ProviderId.ATLASCLOUD).build(), options().build()));
        assertThat(atlas).isInstanceOf(JobFailedException.class).hasMessageContaining("moderation");
        assertThat(((JobFailedException) atlas).errorCode()).isEqualTo("1039");

        sim.faults().nextJob(Outcome.MODERATION);
        Throwable ws = failure(
                engine.start(request(ProviderId.WAVESPEED).build(), options().build()));
        assertThat(ws).isInstanceOf(JobFailedException.class).hasMessageContaining("sensitive");
    }

    @Test
    void anUnknownStatusWordEndsInAClearError() throws IOException {
        sim.faults().nextJob(Outcome.UNKNOWN_STATUS);
        Throwable error = failure(
                engine.start(request(ProviderId.WAVESPEED).build(), options().build()));
        assertThat(error).isInstanceOf(ProtocolException.class).hasMessageContaining("suspended");
    }

    @Test
    void anExpiredOutputUrlSaysWhatToDo() throws IOException {
        sim.faults().nextJob(Outcome.EXPIRED_OUTPUT);
        Throwable error = failure(
                engine.start(request(ProviderId.ATLASCLOUD).build(), options().build()));
        assertThat(error).isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("expired");
        assertNoTemporaryFilesLeft();
    }

    @Test
    void aRedirectedDownloadIsFollowedWithoutTheKey() throws IOException {
        URI elsewhere = sim.mediaBaseUrl().resolve("/nowhere/clip.mp4");
        sim.faults().next(Route.MEDIA_GET, Fault.redirect(elsewhere));
        // The redirect target does not exist: the download fails, but the key never travels.
        Throwable error = failure(
                engine.start(request(ProviderId.WAVESPEED).build(), options().build()));
        assertThat(error).isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("404");
        assertNoKeyReachedTheMediaOrigin();
        assertThat(sim.stats().requests(Route.MEDIA_GET)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRedirectedDownloadReachesTheClip() throws IOException {
        RenderResult first = await(
                engine.start(request(ProviderId.WAVESPEED).build(), options().build()));
        sim.faults().next(Route.MEDIA_GET, Fault.redirect(first.outputUrl()), 2);
        RenderResult second = await(engine.start(
                request(ProviderId.WAVESPEED).build(),
                options().output(dir.resolve("second.mp4")).build()));
        assertThat(second.output()).exists();
        assertThat(sim.stats().faults(Fault.Kind.REDIRECT)).isEqualTo(2);
        assertNoKeyReachedTheMediaOrigin();
    }

    @Test
    void aRedirectOnAnApiCallIsNotFollowed() throws IOException {
        sim.faults().next(Route.WS_RESULT, Fault.redirect(sim.mediaBaseUrl().resolve("/steal")));
        Throwable error = failure(
                engine.start(request(ProviderId.WAVESPEED).build(), options().build()));
        assertThat(error).isInstanceOf(ProtocolException.class).hasMessageContaining("redirect");
        assertNoKeyReachedTheMediaOrigin();
        assertKeyAbsentFrom(error);
    }

    @Test
    void aWrongKeyIsAnAuthenticationErrorThatNeverShowsTheKey() throws IOException {
        Throwable error = failure(engine.start(
                request(ProviderId.WAVESPEED).build(),
                options().apiKey(ApiKey.of("sk-wrong-0000")).build()));
        assertThat(error).isInstanceOf(AuthenticationException.class).hasMessageContaining("401");
        assertThat(error.getMessage()).doesNotContain("sk-wrong-0000");
        assertThat(sim.stats().authenticationFailures()).isEqualTo(1);
    }

    @Test
    void anUnknownAtlasPathAnswers401AndTheMessagePointsAtTheBaseUrl() throws IOException {
        try (RenderEngine wrong = engineBuilder()
                .endpoint(ProviderId.ATLASCLOUD, URI.create(sim.atlasCloudBaseUrl() + "/v2"))
                .build()) {
            Throwable error = failure(wrong.start(
                    request(ProviderId.ATLASCLOUD).build(), options().build()));
            assertThat(error).isInstanceOf(AuthenticationException.class).hasMessageContaining("base URL");
        }
    }

    @Test
    void anEmptyBalanceIsReportedAsSuch() throws IOException {
        sim.setBalance(Host.ATLASCLOUD, BigDecimal.ZERO);
        Throwable error = failure(
                engine.start(urlRequest(ProviderId.ATLASCLOUD), options().build()));
        assertThat(error).isInstanceOf(InsufficientBalanceException.class).hasMessageContaining("402");
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void aSubmitRefusedAsInvalidCarriesTheHostsMessageAndIsNotRepeated() throws IOException {
        sim.faults().next(Route.WS_SUBMIT, Fault.status(400));
        Throwable error = failure(
                engine.start(request(ProviderId.WAVESPEED).build(), options().build()));
        assertThat(error).isInstanceOf(InvalidRequestException.class).hasMessageContaining("HTTP 400");
        assertThat(((InvalidRequestException) error).hostMessage()).isNotBlank();
        assertThat(sim.stats().requests(Route.WS_SUBMIT)).isEqualTo(1);
    }

    private static RenderRequest urlRequest(ProviderId p) {
        return RenderRequest.builder()
                .provider(p)
                .image("https://images.example.com/a.png")
                .prompt("p")
                .build();
    }
}

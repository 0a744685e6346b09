package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.error.DeadlineExceededException;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookRefusal;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookVerdict;
import io.jenkins.plugins.happyhorse.simulator.SimulatedJob;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import io.jenkins.plugins.happyhorse.simulator.fault.WebhookFault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Completion by callback, through the engine: a verified callback makes the waiting render ask the
 * host once and finish; each fault the hosts' callbacks can suffer (lost, duplicated, delayed past
 * the freshness window, forged, signed with a wrong or unknown key, out of order) changes nothing
 * but what it must, and the safety net completes every render whose callback never counts.
 */
class WebhookTest extends WebhookTestSupport {

    @ParameterizedTest
    @EnumSource(
            value = ProviderId.class,
            names = {"WAVESPEED", "ATLASCLOUD"})
    void aVerifiedCallbackCompletesTheRenderWithOnePoll(ProviderId host) throws Exception {
        scheduler.hold();
        RenderHandle handle = engine.start(request(host).build(), listening().build());
        String id = awaitWaiting(handle);
        awaitListening(1);
        assertThat(handle.phase()).isEqualTo(RenderPhase.WAITING);
        scheduler.release();

        RenderResult result = await(handle);
        assertThat(result.output()).exists();
        assertThat(polls(id)).as("status polls: the confirmation only").isEqualTo(1);
        assertThat(verdicts).singleElement().satisfies(v -> {
            assertThat(v.isAccepted()).as(v.toString()).isTrue();
            assertThat(v.httpStatus()).isEqualTo(204);
            assertThat(v.job().orElseThrow().predictionId()).isEqualTo(id);
        });
        assertThat(keyFetches(host)).isEqualTo(1);
        assertThat(engine.webhooks().awaiting()).isZero();
        assertThat(events).anySatisfy(e -> assertThat(e.message()).contains("called back about prediction " + id));
        assertThat(events)
                .anySatisfy(e -> assertThat(e.message()).contains("asking " + host.displayName() + " to call back"));
        assertNoSecretInVerdictsOrEvents();
    }

    @Test
    void theSigningKeysAreFetchedOncePerKeyForManyRenders() throws Exception {
        for (ProviderId host : ProviderId.values()) {
            for (int i = 0; i < 3; i++) {
                await(engine.start(
                        request(host).build(),
                        listening().output(dir.resolve(host.id() + i + ".mp4")).build()));
            }
            assertThat(keyFetches(host)).as(host.id()).isEqualTo(1);
        }
        assertThat(verdicts).hasSize(6).allMatch(WebhookVerdict::isAccepted);
    }

    @ParameterizedTest
    @EnumSource(
            value = ProviderId.class,
            names = {"WAVESPEED", "ATLASCLOUD"})
    void aLostCallbackCostsMinutesNotAHungRender(ProviderId host) throws Exception {
        sim.faults().nextWebhook(WebhookFault.lost());
        RenderHandle handle = engine.start(request(host).build(), listening().build());
        String id = awaitWaiting(handle);
        await(handle);
        SimulatedJob job = sim.job(id).orElseThrow();
        assertThat(job.polls()).as("the safety net's one poll").isEqualTo(1);
        assertThat(verdicts).isEmpty();
        // Noticed at the safety net's first poll, 144 s after the submit: 54 s after the job ended.
        Duration late = Duration.between(
                job.completesAtSimulated(), job.finalStatusSeenAtSimulated().orElseThrow());
        assertThat(late).isEqualTo(FIRST_SAFETY_POLL.minus(PROCESSING));
    }

    @Test
    void aDuplicatedCallbackChangesNothing() throws Exception {
        sim.faults().nextWebhook(WebhookFault.duplicated());
        RenderHandle handle =
                engine.start(request(ProviderId.WAVESPEED).build(), listening().build());
        String id = awaitWaiting(handle);
        await(handle);
        List<WebhookVerdict> got = awaitVerdicts(2);
        assertThat(got.get(0).isAccepted()).isTrue();
        assertThat(got.get(1).refusal())
                .hasValueSatisfying(r -> assertThat(r).isIn(WebhookRefusal.REPLAYED, WebhookRefusal.NOT_AWAITED));
        assertThat(got.get(1).httpStatus()).isEqualTo(400);
        assertThat(polls(id)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(
            value = ProviderId.class,
            names = {"WAVESPEED", "ATLASCLOUD"})
    void aCallbackDelayedPastTheFreshnessWindowIsRefusedWhileTheRenderWaits(ProviderId host) throws Exception {
        // A safety net that waits 20 minutes, so that the render is still waiting when the callback comes.
        engine.close();
        engine = engineBuilder()
                .webhookPollingPolicy(PollingPolicy.builder()
                        .phases(12, 12, 12)
                        .denseInterval(Duration.ofMinutes(1))
                        .build())
                .build();
        receiver.close();
        receiver = startReceiverFor(engine);
        sim.faults().nextWebhook(WebhookFault.delayed(Duration.ofMinutes(6)));

        RenderHandle handle = engine.start(request(host).build(), listening().build());
        String id = awaitWaiting(handle);
        SimulatedJob job = sim.job(id).orElseThrow();
        // The callback is signed when the job ends and sent six minutes later.
        scheduler.advance(
                Duration.between(scheduler.now(), job.completesAtSimulated().plus(Duration.ofMinutes(6))));
        WebhookVerdict late = awaitVerdicts(1).get(0);
        assertThat(late.refusal()).contains(WebhookRefusal.STALE);
        assertThat(handle.phase()).isEqualTo(RenderPhase.WAITING);
        assertThat(handle.result()).isNotDone();
        assertThat(polls(id)).isZero();

        scheduler.advance(Duration.ofMinutes(15));
        await(handle);
        assertThat(polls(id)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(
            value = ProviderId.class,
            names = {"WAVESPEED", "ATLASCLOUD"})
    void aForgedCallbackIsRefusedAndTheSafetyNetCompletesTheRender(ProviderId host) throws Exception {
        sim.faults().nextWebhook(WebhookFault.forged());
        RenderHandle handle = engine.start(request(host).build(), listening().build());
        String id = awaitWaiting(handle);
        await(handle);
        assertThat(verdicts).singleElement().satisfies(v -> assertThat(v.refusal())
                .contains(WebhookRefusal.BAD_SIGNATURE));
        assertThat(polls(id)).isEqualTo(1);
        // The keys were fetched for this callback: fetching them again could not help.
        assertThat(keyFetches(host)).isEqualTo(1);
    }

    @Test
    void aWaveSpeedSecretThatNoLongerMatchesIsFetchedAgainOnceThenTheCallbackIsRefused() throws Exception {
        await(engine.start(request(ProviderId.WAVESPEED).build(), listening().build()));
        assertThat(keyFetches(ProviderId.WAVESPEED)).isEqualTo(1);

        sim.faults().nextWebhook(WebhookFault.wrongKey());
        RenderHandle second = engine.start(
                request(ProviderId.WAVESPEED).build(),
                listening().output(dir.resolve("second.mp4")).build());
        String id = awaitWaiting(second);
        await(second);
        assertThat(verdicts).hasSize(2);
        assertThat(verdicts.get(1).refusal()).contains(WebhookRefusal.BAD_SIGNATURE);
        assertThat(keyFetches(ProviderId.WAVESPEED))
                .as("refreshed once, then refused")
                .isEqualTo(2);
        assertThat(polls(id)).isEqualTo(1);
    }

    @Test
    void aRotatedWaveSpeedSecretIsFetchedAgainAndTheCallbackAccepted() throws Exception {
        await(engine.start(request(ProviderId.WAVESPEED).build(), listening().build()));
        sim.rotateWaveSpeedWebhookSecret();
        RenderHandle second = engine.start(
                request(ProviderId.WAVESPEED).build(),
                listening().output(dir.resolve("second.mp4")).build());
        String id = awaitWaiting(second);
        await(second);
        assertThat(verdicts).hasSize(2).allMatch(WebhookVerdict::isAccepted);
        assertThat(keyFetches(ProviderId.WAVESPEED)).isEqualTo(2);
        assertThat(polls(id)).isEqualTo(1);
    }

    @Test
    void anAtlasCallbackUnderAKnownKeyIdButAnotherKeyIsRefusedWithoutFetchingAgain() throws Exception {
        await(engine.start(request(ProviderId.ATLASCLOUD).build(), listening().build()));
        sim.faults().nextWebhook(WebhookFault.wrongKey());
        RenderHandle second = engine.start(
                request(ProviderId.ATLASCLOUD).build(),
                listening().output(dir.resolve("second.mp4")).build());
        awaitWaiting(second);
        await(second);
        assertThat(verdicts.get(1).refusal()).contains(WebhookRefusal.BAD_SIGNATURE);
        assertThat(keyFetches(ProviderId.ATLASCLOUD)).isEqualTo(1);
    }

    @Test
    void anAtlasKeyIdNotYetKnownIsLookedUpOnceThenRefusedOrAccepted() throws Exception {
        await(engine.start(request(ProviderId.ATLASCLOUD).build(), listening().build()));

        sim.faults().nextWebhook(WebhookFault.unknownKey());
        RenderHandle unknown = engine.start(
                request(ProviderId.ATLASCLOUD).build(),
                listening().output(dir.resolve("unknown.mp4")).build());
        awaitWaiting(unknown);
        await(unknown);
        assertThat(verdicts.get(1).refusal()).contains(WebhookRefusal.UNKNOWN_KEY);
        assertThat(keyFetches(ProviderId.ATLASCLOUD)).as("looked up once more").isEqualTo(2);

        // The host starts signing with a new key: the engine learns it with one more look-up.
        sim.rotateAtlasCloudWebhookKey();
        RenderHandle rotated = engine.start(
                request(ProviderId.ATLASCLOUD).build(),
                listening().output(dir.resolve("rotated.mp4")).build());
        String id = awaitWaiting(rotated);
        await(rotated);
        assertThat(verdicts.get(2).isAccepted()).as(verdicts.get(2).toString()).isTrue();
        assertThat(keyFetches(ProviderId.ATLASCLOUD)).isEqualTo(3);
        assertThat(polls(id)).isEqualTo(1);
    }

    @Test
    void anOutOfOrderCallbackChangesNothing() throws Exception {
        sim.faults().nextWebhook(WebhookFault.outOfOrder());
        RenderHandle handle =
                engine.start(request(ProviderId.WAVESPEED).build(), listening().build());
        String id = awaitWaiting(handle);
        RenderResult result = await(handle);
        List<WebhookVerdict> got = awaitVerdicts(2);
        assertThat(got.get(0).isAccepted()).isTrue();
        // The older event either still finds the render asking (and changes nothing), or finds it done.
        assertThat(got.get(1).isAccepted() || got.get(1).refusal().orElseThrow() == WebhookRefusal.NOT_AWAITED)
                .as(got.get(1).toString())
                .isTrue();
        assertThat(polls(id)).isEqualTo(1);
        assertThat(result.output()).exists();
    }

    @Test
    void aResumedRenderAsksOnceAtOnceAndListensAgain() throws Exception {
        // Nothing moves until the render has been resumed: the job ends, and calls back, only then.
        scheduler.hold();
        RenderHandle first =
                engine.start(request(ProviderId.WAVESPEED).build(), listening().build());
        String id = awaitWaiting(first);
        awaitListening(1);
        RenderCheckpoint saved =
                RenderCheckpoint.fromJson(first.checkpoint().orElseThrow().toJson());
        first.cancel();
        // The render may still be finishing its registration on the engine's thread; it then
        // finds itself cancelled and stops listening.
        until(() -> engine.webhooks().awaiting() == 0, "the cancelled render to stop listening");

        RenderHandle resumed = engine.resume(
                saved, listening().output(dir.resolve("resumed.mp4")).build());
        until(() -> polls(id) == 1, "the resumed render's first poll");
        assertThat(engine.webhooks().awaiting()).isEqualTo(1);
        scheduler.release();
        assertThat(await(resumed).predictionId()).isEqualTo(id);
        assertThat(polls(id))
                .as("one at the resume, one to confirm the callback")
                .isEqualTo(2);
        assertThat(verdicts).singleElement().matches(WebhookVerdict::isAccepted);
        assertThat(sim.stats().requests(Route.WS_SUBMIT)).isEqualTo(1);
    }

    @Test
    void theDeadlineStillAppliesWhenTheCallbackIsLost() throws Exception {
        sim.faults().nextWebhook(WebhookFault.lost());
        engine.close();
        engine = engineBuilder()
                .webhookPollingPolicy(PollingPolicy.builder()
                        .phases(12, 12, 12)
                        .denseInterval(Duration.ofMinutes(1))
                        .build())
                .build();
        receiver.close();
        receiver = startReceiverFor(engine);
        RenderHandle handle = engine.start(
                request(ProviderId.ATLASCLOUD).build(),
                listening().deadline(Duration.ofMinutes(4)).build());
        assertThat(failure(handle)).isInstanceOf(DeadlineExceededException.class);
        assertThat(engine.webhooks().awaiting()).isZero();
    }

    @Test
    void aWebhookUrlTheHostCouldNeverCallIsRefusedBeforeAnyCall() throws Exception {
        for (String url : new String[] {
            "http://hooks.example.com/happyhorse",
            "https://10.1.2.3/happyhorse",
            "https://192.168.1.20/happyhorse",
            "https://ci.internal/happyhorse",
            "https://jenkins/happyhorse",
            "https://user:pw@hooks.example.com/happyhorse",
            "https://hooks.example.com/" + "a".repeat(1100),
            "ftp://hooks.example.com/x"
        }) {
            // The hosts that call back per render (Model Studio is only ever polled).
            for (ProviderId host : List.of(ProviderId.WAVESPEED, ProviderId.ATLASCLOUD)) {
                Throwable error = failure(engine.start(
                        request(host).build(),
                        options().webhook(URI.create(url)).build()));
                assertThat(error).as(url).isInstanceOf(InvalidRequestException.class);
                assertThat(error.getMessage())
                        .as(url)
                        .contains("webhook:")
                        .contains("a public https URL of at most 1024 characters")
                        .doesNotContain("pw@");
            }
        }
        assertThat(sim.stats().requests(Route.ANY)).isZero();
        assertThat(WebhookReceiver.checkUrl(URI.create("https://ci.example.com/happyhorse-webhook")))
                .isEmpty();
        assertThat(WebhookReceiver.checkUrl(URI.create("https://127.0.0.1/happyhorse-webhook")))
                .singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("webhook"));
    }

    @Test
    void aRenderWithoutAWebhookNeitherAsksForNorListensToCallbacks() throws Exception {
        scheduler.hold();
        RenderHandle handle =
                engine.start(request(ProviderId.WAVESPEED).build(), options().build());
        awaitWaiting(handle);
        until(() -> handle.phase() == RenderPhase.WAITING, "the render to wait");
        assertThat(engine.webhooks().awaiting()).isZero();
        scheduler.release();
        await(handle);
        assertThat(sim.webhookCallbacks()).isEmpty();
        assertThat(sim.stats().webhooks().planned()).isZero();
    }

    @Test
    void aHostThatWillNotHandOutItsSecretLeavesTheRenderToTheSafetyNet() throws Exception {
        sim.faults().next(Route.WS_WEBHOOK_SECRET, Fault.status(403));
        RenderHandle handle =
                engine.start(request(ProviderId.WAVESPEED).build(), listening().build());
        String id = awaitWaiting(handle);
        await(handle);
        assertThat(verdicts).singleElement().satisfies(v -> assertThat(v.refusal())
                .contains(WebhookRefusal.KEY_UNAVAILABLE));
        assertThat(polls(id)).isEqualTo(1);
        assertNoSecretInVerdictsOrEvents();
    }

    @Test
    void aVerdictThatTakesTooLongIsAnswered503AndTheRenderStillCompletes() throws Exception {
        receiver.close();
        receiver = io.jenkins.plugins.happyhorse.client.receiver.WebhookServer.builder(engine.webhooks())
                .tls(tls.serverContext())
                .log(verdicts::add)
                .answerWithin(Duration.ofMillis(200))
                .start();
        // The secret request hangs until the engine gives up on it (its response timeout).
        sim.faults().next(Route.WS_WEBHOOK_SECRET, Fault.noReply());
        RenderHandle handle =
                engine.start(request(ProviderId.WAVESPEED).build(), listening().build());
        awaitWaiting(handle);
        await(handle);
        until(() -> !sim.webhookCallbacks().isEmpty(), "the callback's record");
        assertThat(sim.webhookCallbacks()).singleElement().satisfies(r -> assertThat(r.status())
                .isEqualTo(503));
    }

    private long keyFetches(ProviderId host) {
        return sim.stats().requests(host == ProviderId.WAVESPEED ? Route.WS_WEBHOOK_SECRET : Route.AC_JWKS);
    }
}

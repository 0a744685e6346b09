package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.reuse.FileRenderStore;
import io.jenkins.plugins.happyhorse.client.reuse.RenderStore;
import io.jenkins.plugins.happyhorse.client.reuse.ReusePolicy;
import io.jenkins.plugins.happyhorse.client.reuse.ReuseSettings;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spend.FileSpendLedger;
import io.jenkins.plugins.happyhorse.client.spend.SpendLabels;
import io.jenkins.plugins.happyhorse.client.spend.SpendPeriod;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reuse through the engine: an identical render costs nothing and makes no call; without a seed
 * {@code auto} renders afresh; a damaged source gives way to a fresh render, said so; identical
 * renders at once pay once.
 */
class ReuseTest extends SimulatorTestSupport {
    private RenderStore store;
    private FileSpendLedger ledger;

    @BeforeEach
    void openStore() {
        store = FileRenderStore.open(dir.resolve("store"));
        ledger = FileSpendLedger.open(dir.resolve("spend"), scheduler.clock());
    }

    private RenderOptions.Builder reusing(String build, Path output, ReusePolicy policy) {
        return options()
                .output(output)
                .reuse(ReuseSettings.of(store, policy).producer("nightly #" + build))
                .spend(ledger, SpendLabels.of("nightly", build));
    }

    private Path out(String name) {
        return dir.resolve("out").resolve(name);
    }

    @Test
    void anIdenticalRenderReusesTheClipWithoutACallAndSavesItsCost() throws IOException {
        RenderRequest clip = request(ProviderId.WAVESPEED).build();
        RenderResult paid = await(engine.start(
                clip, reusing("1", out("first.mp4"), ReusePolicy.AUTO).build()));
        long callsBefore = sim.stats().requests(Route.ANY);
        events.clear();

        RenderResult reused = await(engine.start(
                clip, reusing("2", out("second.mp4"), ReusePolicy.AUTO).build()));

        assertThat(sim.stats().requests(Route.ANY)).as("no HTTP call at all").isEqualTo(callsBefore);
        assertThat(sim.stats().submissions()).isEqualTo(1);
        assertThat(reused.reused()).isTrue();
        assertThat(paid.reused()).isFalse();
        assertThat(reused.cost()).isZero();
        assertThat(reused.reusedFrom().predictionId()).isEqualTo(paid.predictionId());
        assertThat(reused.reusedFrom().producer()).isEqualTo("nightly #1");
        assertThat(reused.reusedFrom().usd()).isEqualByComparingTo("0.42");
        assertThat(reused.byteSize()).isEqualTo(paid.byteSize());
        assertThat(Files.readAllBytes(reused.output())).isEqualTo(Files.readAllBytes(paid.output()));
        assertThat(events)
                .extracting(RenderEvent::message)
                .anyMatch(m -> m.equals("reused: second.mp4 is the clip, paid for by nightly #1 (prediction "
                        + paid.predictionId() + "); saved 0.42 USD, nothing was sent to WaveSpeed"));
        assertThat(ledger.report().saved(SpendPeriod.all())).isEqualByComparingTo("0.42");
        assertThat(ledger.report().total()).isEqualByComparingTo(sim.stats().totalCharges());
        assertThat(Files.list(out("")).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("first.mp4", "second.mp4");
    }

    @Test
    void withoutASeedAutoRendersAfreshAndAlwaysReuses() throws IOException {
        RenderRequest seedless = request(ProviderId.WAVESPEED).seed(null).build();
        await(engine.start(
                seedless, reusing("1", out("first.mp4"), ReusePolicy.AUTO).build()));
        RenderResult auto = await(engine.start(
                seedless, reusing("2", out("second.mp4"), ReusePolicy.AUTO).build()));
        assertThat(auto.reused()).isFalse();
        assertThat(sim.stats().submissions()).isEqualTo(2);

        RenderResult always = await(engine.start(
                seedless, reusing("3", out("third.mp4"), ReusePolicy.ALWAYS).build()));
        assertThat(always.reused()).isTrue();
        RenderResult never = await(engine.start(
                request(ProviderId.WAVESPEED).build(),
                reusing("4", out("fourth.mp4"), ReusePolicy.NEVER).build()));
        assertThat(never.reused()).isFalse();
        assertThat(sim.stats().submissions()).isEqualTo(3);
    }

    @Test
    void aDamagedSourceFallsBackToAFreshRenderAndSaysSo() throws IOException {
        RenderRequest clip = request(ProviderId.WAVESPEED).build();
        RenderResult paid = await(engine.start(
                clip, reusing("1", out("first.mp4"), ReusePolicy.AUTO).build()));
        Files.write(paid.output(), new byte[] {0, 0, 0, 0}, StandardOpenOption.APPEND);
        events.clear();

        RenderResult again = await(engine.start(
                clip, reusing("2", out("second.mp4"), ReusePolicy.AUTO).build()));

        assertThat(again.reused()).isFalse();
        assertThat(sim.stats().submissions()).isEqualTo(2);
        assertThat(events)
                .extracting(RenderEvent::message)
                .anyMatch(m -> m.startsWith("the identical clip, paid for by nightly #1 at "
                                + paid.output().toUri())
                        && m.contains("is damaged")
                        && m.endsWith("rendering afresh (it will be paid for)"));
        // The fresh render replaced the record: the next one reuses it.
        RenderResult third = await(engine.start(
                clip, reusing("3", out("third.mp4"), ReusePolicy.AUTO).build()));
        assertThat(third.reused()).isTrue();
        assertThat(third.reusedFrom().producer()).isEqualTo("nightly #2");
    }

    @Test
    void aMissingSourceFallsBackToAFreshRender() throws IOException {
        RenderRequest clip = request(ProviderId.WAVESPEED).build();
        RenderResult paid = await(engine.start(
                clip, reusing("1", out("first.mp4"), ReusePolicy.AUTO).build()));
        Files.delete(paid.output());
        RenderResult again = await(engine.start(
                clip, reusing("2", out("second.mp4"), ReusePolicy.AUTO).build()));
        assertThat(again.reused()).isFalse();
        assertThat(events).anyMatch(e -> e.message().contains("is missing: rendering afresh"));
    }

    @Test
    void twentyIdenticalRendersAtOncePayOnce() throws Exception {
        RenderRequest clip = request(ProviderId.WAVESPEED).build();
        List<RenderHandle> handles = new ArrayList<>();
        CountDownLatch following = new CountDownLatch(19);
        // The clock is held until every follower waits: the leader's job cannot end first, however
        // slowly the others start on a loaded machine.
        scheduler.hold();
        try {
            for (int i = 1; i <= 20; i++) {
                handles.add(engine.start(
                        clip,
                        reusing(Integer.toString(i), out("clip-" + i + ".mp4"), ReusePolicy.AUTO)
                                .listener(e -> {
                                    events.add(e);
                                    if (e.message().startsWith("an identical render")) {
                                        following.countDown();
                                    }
                                })
                                .build()));
            }
            assertThat(following.await(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            scheduler.release();
        }
        List<RenderResult> results =
                handles.stream().map(SimulatorTestSupport::await).toList();

        assertThat(sim.stats().submissions()).isEqualTo(1);
        assertThat(results).filteredOn(RenderResult::reused).hasSize(19);
        assertThat(results).allMatch(r -> Files.exists(r.output()));
        assertThat(ledger.report().total()).isEqualByComparingTo(sim.stats().totalCharges());
        assertThat(ledger.report().reuses(SpendPeriod.all())).isEqualTo(19);
        assertThat(ledger.report().saved(SpendPeriod.all()))
                .isEqualByComparingTo(sim.stats().totalCharges().multiply(BigDecimal.valueOf(19)));
        assertThat(store.flights().inFlight()).isZero();
    }
}

package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.error.OutputVerificationException;
import io.jenkins.plugins.happyhorse.client.media.Mp4Info;
import io.jenkins.plugins.happyhorse.client.media.OutputVerifier;
import io.jenkins.plugins.happyhorse.client.reuse.ClipFingerprint;
import io.jenkins.plugins.happyhorse.client.reuse.ReuseFlights;
import io.jenkins.plugins.happyhorse.client.reuse.ReuseLookup;
import io.jenkins.plugins.happyhorse.client.reuse.ReuseSettings;
import io.jenkins.plugins.happyhorse.client.reuse.StoredRender;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spend.Saving;
import io.jenkins.plugins.happyhorse.client.spend.SpendLedger;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A render's reuse of an identical clip, before any call: the render store is asked for the
 * spec's digest (the store verifies the clip), an identical render in progress is followed
 * instead of paid for twice, and a clip found is copied to the output, checked again (length,
 * SHA-256, then as an MP4 of the requested shape, as a download is) and delivered without a single
 * call to the host. After a paid render, the clip is recorded for others and the renders that
 * followed it are told. A clip that does not check out gives way to a fresh render, said so.
 */
final class ReuseStep {
    private final RenderOptions options;
    private final ReuseSettings settings;
    private final RunControl control;
    private final ClipDelivery delivery;
    private final Consumer<RenderPhase> phase;

    private volatile ReuseFlights.Flight flight;
    private volatile CompletableFuture<ReuseFlights.Landing> following;

    ReuseStep(RenderOptions options, RunControl control, ClipDelivery delivery, Consumer<RenderPhase> phase) {
        this.options = options;
        this.settings = options.reuse();
        this.control = control;
        this.delivery = delivery;
        this.phase = phase;
    }

    /** Delivers a reused clip, or calls {@code render} when this render is to be paid for. */
    void before(Preflight checked, Runnable render) {
        ClipSpec spec = checked.spec();
        if (settings == null || !settings.policy().reuses(spec)) {
            render.run();
            return;
        }
        ReuseFlights.Claim claim = settings.store().flights().claim(spec.digest());
        if (claim instanceof ReuseFlights.Claim.Follow follow) {
            follow(checked, follow.landing(), render);
            return;
        }
        flight = ((ReuseFlights.Claim.Lead) claim).flight();
        ReuseLookup found;
        try {
            found = settings.store().lookup(spec.digest());
        } catch (RuntimeException e) {
            control.emit(ReuseMessages.storeUnreadable(e));
            render.run();
            return;
        }
        if (found instanceof ReuseLookup.Found f) {
            if (!f.note().isEmpty()) {
                control.emit(ReuseMessages.ownCopy(f.note()));
            }
            if (!deliver(spec, f.render(), f.source()::open, f.source().describe())) {
                render.run();
            }
            return;
        }
        if (found instanceof ReuseLookup.Unusable u) {
            control.emit(ReuseMessages.unusable(u));
        }
        render.run();
    }

    private void follow(Preflight checked, CompletableFuture<ReuseFlights.Landing> landing, Runnable render) {
        following = landing;
        control.emit(ReuseMessages.following());
        landing.whenComplete((l, error) -> control.next(() -> {
            following = null;
            if (error != null) {
                control.emit(ReuseMessages.leaderFailed());
                before(checked, render);
            } else if (!deliver(
                    checked.spec(),
                    l.render(),
                    () -> Files.newInputStream(l.file()),
                    l.file().toString())) {
                before(checked, render);
            }
        }));
    }

    /**
     * Copies and checks the clip, then ends the run with it; false (nothing left behind) when it
     * does not check out and the render must be paid for after all.
     */
    private boolean deliver(ClipSpec spec, StoredRender from, Source source, String where) {
        phase.accept(RenderPhase.VERIFYING);
        control.emit(ReuseMessages.copying(from, where));
        Path temp;
        try {
            temp = delivery.begin(control::isOver);
        } catch (IOException e) {
            control.fail(RenderMessages.cannotWriteNextTo(delivery.output(), e));
            return true;
        }
        if (temp == null) {
            return true;
        }
        Mp4Info info;
        try {
            ClipFingerprint fp;
            try (InputStream in = source.open();
                    OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                fp = ClipFingerprint.copy(in, out);
            }
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            if (!fp.matches(from)) {
                throw new IOException("its bytes differ from the recorded length and SHA-256");
            }
            info = new OutputVerifier(options.verificationPolicy()).verify(temp, fp.bytes(), spec.shape());
        } catch (IOException | UncheckedIOException | OutputVerificationException e) {
            delivery.abandon();
            phase.accept(RenderPhase.VALIDATING);
            control.emit(ReuseMessages.copyFailed(where, e));
            return false;
        }
        try {
            if (!delivery.publish(control::claim)) {
                return true;
            }
        } catch (IOException e) {
            control.end(RenderMessages.cannotMove(delivery.output(), e));
            return true;
        }
        phase.accept(RenderPhase.DONE);
        control.emit(
                ReuseMessages.reused(delivery.output(), from, spec.provider().displayName()));
        saved(spec, from);
        ReuseFlights.Flight f = flight;
        if (f != null) {
            f.land(new ReuseFlights.Landing(from, delivery.output()));
        }
        control.succeed(RenderResults.reused(spec, from, delivery.output(), info, control.queuedAt(), control.now()));
        return true;
    }

    private void saved(ClipSpec spec, StoredRender from) {
        SpendLedger ledger = options.spendLedger();
        if (ledger == null) {
            return;
        }
        try {
            ledger.saving(new Saving(
                    control.now(),
                    options.spendLabels(),
                    spec.provider().id(),
                    spec.digest(),
                    from.usd(),
                    from.producer(),
                    from.predictionId()));
        } catch (RuntimeException e) {
            control.emit(ReuseMessages.savingNotRecorded(e));
        }
    }

    /** A paid render delivered its clip: recorded for reuse, and its followers told. */
    void delivered(RenderCheckpoint at, Path output) {
        if (settings == null || at.requestDigest() == null || at.predictionId() == null) {
            return;
        }
        try {
            ClipFingerprint fp = ClipFingerprint.of(output);
            StoredRender render = new StoredRender(
                    at.requestDigest(),
                    settings.locator().apply(output),
                    fp.bytes(),
                    fp.sha256(),
                    at.estimatedCost(),
                    at.provider().id(),
                    at.predictionId(),
                    control.now(),
                    settings.producer(),
                    at.durationSeconds(),
                    at.resolution() == null ? "" : at.resolution().wire(),
                    at.aspectRatio() == null ? "" : at.aspectRatio().wire(),
                    "",
                    null);
            settings.store().record(render, output, settings.keepCopy());
            ReuseFlights.Flight f = flight;
            if (f != null) {
                f.land(new ReuseFlights.Landing(render, output));
            }
        } catch (IOException | RuntimeException e) {
            control.emit(ReuseMessages.notRecorded(e));
        }
    }

    /** The run ended: a flight it led and did not land fails (its followers look again), a wait is dropped. */
    void ended(Throwable error) {
        ReuseFlights.Flight f = flight;
        if (f != null) {
            f.abort(error != null ? error : new CancellationException("the render ended without a clip"));
        }
        CompletableFuture<ReuseFlights.Landing> waiting = following;
        if (waiting != null) {
            waiting.cancel(false);
        }
    }

    @FunctionalInterface
    private interface Source {
        InputStream open() throws IOException;
    }
}

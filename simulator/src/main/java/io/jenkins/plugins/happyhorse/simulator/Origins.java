package io.jenkins.plugins.happyhorse.simulator;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.happyhorse.simulator.atlas.AtlasCloudApi;
import io.jenkins.plugins.happyhorse.simulator.fault.FaultPlan;
import io.jenkins.plugins.happyhorse.simulator.http.Binding;
import io.jenkins.plugins.happyhorse.simulator.http.Dispatcher;
import io.jenkins.plugins.happyhorse.simulator.http.HeldExchanges;
import io.jenkins.plugins.happyhorse.simulator.job.Backend;
import io.jenkins.plugins.happyhorse.simulator.job.PriceSheet;
import io.jenkins.plugins.happyhorse.simulator.media.MediaOrigin;
import io.jenkins.plugins.happyhorse.simulator.media.MediaStore;
import io.jenkins.plugins.happyhorse.simulator.media.OutputStore;
import io.jenkins.plugins.happyhorse.simulator.modelstudio.ModelStudioApi;
import io.jenkins.plugins.happyhorse.simulator.stats.StatsEndpoint;
import io.jenkins.plugins.happyhorse.simulator.stats.StatsRecorder;
import io.jenkins.plugins.happyhorse.simulator.time.SimulatedClock;
import io.jenkins.plugins.happyhorse.simulator.wavespeed.WaveSpeedApi;
import io.jenkins.plugins.happyhorse.simulator.webhook.AtlasCloudSigner;
import io.jenkins.plugins.happyhorse.simulator.webhook.CallbackTargets;
import io.jenkins.plugins.happyhorse.simulator.webhook.WaveSpeedSigner;
import io.jenkins.plugins.happyhorse.simulator.webhook.WebhookDeliverer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The simulator's three origins on 127.0.0.1, wired to the hosts they play: the API origin
 * (WaveSpeed, Atlas Cloud and Model Studio on one port, and the counters), the media origin
 * (uploads and clips) and Model Studio's storage origin; the backend behind them, and the sender of
 * the hosts' completion callbacks. Nothing stays
 * bound when starting fails.
 */
final class Origins {
    final HttpServer api;
    final HttpServer media;
    final HttpServer storage;
    final Backend backend;
    final URI apiBase;
    final URI mediaBase;
    final URI storageBase;
    final WebhookDeliverer callbacks;

    private Origins(HttpServer api, HttpServer media, HttpServer storage, Backend backend, WebhookDeliverer callbacks) {
        this.api = api;
        this.media = media;
        this.storage = storage;
        this.backend = backend;
        this.callbacks = callbacks;
        this.apiBase = base(api);
        this.mediaBase = base(media);
        this.storageBase = base(storage);
    }

    /** What the origins share with the simulator that owns them. */
    record Shared(
            FaultPlan faults,
            StatsRecorder recorder,
            Path workDirectory,
            ExecutorService executor,
            ScheduledExecutorService scheduler,
            HeldExchanges held,
            Supplier<List<SimulatedJob>> jobs,
            Callbacks callbacks) {}

    /** How the hosts sign and send their completion callbacks; the sender runs on the backend's clock. */
    record Callbacks(
            WaveSpeedSigner waveSpeedSigner,
            AtlasCloudSigner atlasSigner,
            Function<SimulatedClock, WebhookDeliverer> deliverer) {}

    /** Binds the three origins, wires every host's routes and starts serving. */
    static Origins start(SimulatorSettings<?> builder, Shared shared) throws IOException {
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        HttpServer api = null;
        HttpServer media = null;
        HttpServer storage = null;
        try {
            api = HttpServer.create(new InetSocketAddress(loopback, builder.port), 1024);
            media = HttpServer.create(new InetSocketAddress(loopback, builder.mediaPort), 1024);
            storage = HttpServer.create(new InetSocketAddress(loopback, builder.storagePort), 1024);
            SimulatedClock clock = new SimulatedClock(builder.clock, builder.timeScale, builder.simulatedStart);
            Origins origins = new Origins(
                    api,
                    media,
                    storage,
                    backend(builder, shared, base(media), clock),
                    shared.callbacks().deliverer().apply(clock));
            origins.wire(builder, shared);
            api.start();
            media.start();
            storage.start();
            return origins;
        } catch (IOException | RuntimeException e) {
            for (HttpServer server : new HttpServer[] {api, media, storage}) {
                if (server != null) {
                    server.stop(0);
                }
            }
            throw e;
        }
    }

    private static Backend backend(SimulatorSettings<?> builder, Shared shared, URI mediaBase, SimulatedClock clock) {
        return new Backend(
                clock,
                shared.faults(),
                shared.recorder(),
                new PriceSheet(
                        builder.atlasPerSecond720p,
                        builder.atlasPerSecond1080p,
                        builder.modelStudioPerSecond720p,
                        builder.modelStudioPerSecond1080p),
                builder.balances,
                builder.levels,
                builder.processing,
                builder.seed,
                mediaBase,
                builder.atlasNotFoundWindow);
    }

    private void wire(SimulatorSettings<?> builder, Shared shared) throws IOException {
        Path work = shared.workDirectory();
        MediaStore mediaStore = new MediaStore(work.resolve("uploads"), mediaBase, builder.seed);
        ModelStudioApi modelStudio = new ModelStudioApi(
                backend,
                work.resolve("temporary-storage"),
                builder.modelStudioKey(),
                builder.modelStudioOtherRegionKey,
                builder.modelStudioQueryLimit,
                storageBase,
                builder.seed);
        OutputStore outputs = new OutputStore(
                work.resolve("outputs"), mediaStore, builder.pictureScale, builder.padTo, modelStudio.outputRules());
        CallbackTargets targets = new CallbackTargets(builder.webhooksOverHttp);
        Callbacks signing = shared.callbacks();
        WaveSpeedApi waveSpeed =
                new WaveSpeedApi(backend, mediaStore, apiBase, callbacks, targets, signing.waveSpeedSigner());
        AtlasCloudApi atlas = new AtlasCloudApi(backend, mediaStore, callbacks, targets, signing.atlasSigner());
        MediaOrigin mediaOrigin = new MediaOrigin(backend, mediaStore, outputs);

        List<Binding> apiBindings = new ArrayList<>(waveSpeed.bindings());
        apiBindings.addAll(atlas.bindings());
        apiBindings.addAll(modelStudio.bindings());
        // Most specific prefixes first: Model Studio's paths sit under Atlas Cloud's /api/v1.
        List<Dispatcher.Fallback> apiFallbacks = new ArrayList<>(modelStudio.fallbacks());
        apiFallbacks.add(atlas.fallback());
        apiFallbacks.add(waveSpeed.fallback());
        StatsRecorder recorder = shared.recorder();
        api.createContext(
                "/",
                new Dispatcher(
                        apiBindings,
                        apiFallbacks,
                        shared.faults(),
                        recorder,
                        builder.apiKey,
                        false,
                        shared.executor(),
                        shared.scheduler(),
                        shared.held(),
                        builder.seed));
        media.createContext(
                "/",
                new Dispatcher(
                        mediaOrigin.bindings(),
                        List.of(mediaOrigin.fallback()),
                        shared.faults(),
                        recorder,
                        builder.apiKey,
                        true,
                        shared.executor(),
                        shared.scheduler(),
                        shared.held(),
                        builder.seed + 1));
        storage.createContext(
                "/",
                new Dispatcher(
                        modelStudio.storageBindings(),
                        List.of(modelStudio.storageFallback()),
                        shared.faults(),
                        recorder,
                        builder.modelStudioKey(),
                        recorder::storageAuthorization,
                        shared.executor(),
                        shared.scheduler(),
                        shared.held(),
                        builder.seed + 2));
        // Counters for tests outside this JVM: a context of its own, so the hosts' dispatcher
        // (their routes, counts and faults) never sees these requests.
        api.createContext(StatsEndpoint.PREFIX, new StatsEndpoint(recorder, shared.jobs()));
        api.setExecutor(shared.executor());
        media.setExecutor(shared.executor());
        storage.setExecutor(shared.executor());
    }

    /** Stops serving on every origin. */
    void stop() {
        api.stop(0);
        media.stop(0);
        storage.stop(0);
    }

    private static URI base(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}

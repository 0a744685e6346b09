package io.jenkins.plugins.happyhorse.bench.fleet;

import io.jenkins.plugins.happyhorse.bench.workload.RenderSpec;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.engine.PollingPolicy;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderOptions;
import io.jenkins.plugins.happyhorse.client.engine.RenderPhase;
import io.jenkins.plugins.happyhorse.client.media.VerificationPolicy;
import io.jenkins.plugins.happyhorse.client.receiver.WebhookServer;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.time.TimeScaledScheduler;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.webhook.LoopbackCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Renders run by one {@link RenderEngine} against the simulator, on a {@link TimeScaledScheduler}
 * whose clock starts at the simulator's simulated instant, so that both sides agree on time.
 * Outputs are checked for duration and aspect ratio only (the simulator serves shrunken pictures)
 * and deleted as soon as a render ends. With a certificate, the engine runs an HTTPS receiver of
 * the hosts' callbacks on loopback and every render asks its host to call it back.
 */
public final class EngineFleet implements Fleet {
    static final String PROMPT = "a horse gallops along a beach at sunset";

    private final RenderEngine engine;
    private final TimeScaledScheduler scheduler;
    private final RenderProbe probe;
    private final Path image;
    private final Path modelStudioImage;
    private final Path outputDir;
    private final ApiKey key;
    private final String label;
    private final RenderHandle[] handles;
    private final WebhookServer receiver;

    /**
     * @param policy when the engine polls; {@link PollingPolicy#defaults()} for the engine as shipped
     * @param image the reference image every render uploads
     * @param outputDir where clips land (each is deleted when its render ends)
     */
    public EngineFleet(
            String label,
            Simulator sim,
            double scale,
            PollingPolicy policy,
            Path image,
            Path outputDir,
            RenderProbe probe) {
        this(label, sim, scale, policy, image, image, outputDir, probe, null);
    }

    /**
     * A fleet whose renders ask their host to call back.
     *
     * @param webhooks the certificate of a receiver of callbacks to run (the simulator must trust
     *     it), or null for none
     */
    public EngineFleet(
            String label,
            Simulator sim,
            double scale,
            PollingPolicy policy,
            Path image,
            Path outputDir,
            RenderProbe probe,
            LoopbackCertificate webhooks) {
        this(label, sim, scale, policy, image, image, outputDir, probe, webhooks);
    }

    /** A fleet whose Model Studio renders upload {@code modelStudioImage}, polling only. */
    public EngineFleet(
            String label,
            Simulator sim,
            double scale,
            PollingPolicy policy,
            Path image,
            Path modelStudioImage,
            Path outputDir,
            RenderProbe probe) {
        this(label, sim, scale, policy, image, modelStudioImage, outputDir, probe, null);
    }

    /**
     * @param policy when the engine polls; {@link PollingPolicy#defaults()} for the engine as shipped
     * @param image the reference image every render on WaveSpeed or Atlas Cloud uploads
     * @param modelStudioImage the one Model Studio renders upload (at least 400 px on its short side)
     * @param outputDir where clips land (each is deleted when its render ends)
     * @param webhooks the certificate of a receiver of callbacks to run (the simulator must trust
     *     it), or null for none
     */
    public EngineFleet(
            String label,
            Simulator sim,
            double scale,
            PollingPolicy policy,
            Path image,
            Path modelStudioImage,
            Path outputDir,
            RenderProbe probe,
            LoopbackCertificate webhooks) {
        this.label = label;
        this.scheduler = new TimeScaledScheduler(scale, sim.simulatedNow());
        this.engine = RenderEngine.builder()
                .endpoint(ProviderId.WAVESPEED, sim.waveSpeedBaseUrl())
                .endpoint(ProviderId.ATLASCLOUD, sim.atlasCloudBaseUrl())
                .endpoint(ProviderId.MODELSTUDIO, sim.modelStudioBaseUrl())
                .scheduler(scheduler)
                .pollingPolicy(policy)
                .responseTimeout(Duration.ofSeconds(120))
                .build();
        this.probe = probe;
        this.image = image;
        this.modelStudioImage = modelStudioImage;
        this.outputDir = outputDir;
        this.key = ApiKey.of(sim.apiKey());
        this.handles = new RenderHandle[probe.size()];
        try {
            this.receiver = webhooks == null
                    ? null
                    : WebhookServer.builder(engine.webhooks())
                            .tls(webhooks.serverContext())
                            .threads(4)
                            .start();
        } catch (IOException e) {
            engine.close();
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void start(int i, RenderSpec spec) {
        Path picture = spec.provider() == ProviderId.MODELSTUDIO ? modelStudioImage : image;
        RenderRequest request = RenderRequest.builder()
                .image(picture.toString())
                .prompt(PROMPT)
                .resolution(spec.resolution())
                .aspectRatio(spec.aspectRatio())
                .duration(spec.durationSeconds())
                .seed(spec.seed())
                .provider(spec.provider().id())
                .build();
        URI hook = receiver == null ? null : receiver.url();
        RenderOptions options = RenderOptions.builder()
                .apiKey(key)
                .webhook(hook)
                .output(outputDir.resolve("engine-" + i + ".mp4"))
                .deadline(Duration.ofHours(3))
                .verificationPolicy(VerificationPolicy.aspectRatioOnly())
                .checkpointSink(checkpoint -> {
                    if (checkpoint.predictionId() != null) {
                        probe.submitted(i, checkpoint.predictionId());
                    }
                })
                .listener(event -> {
                    // The render's first event in DOWNLOADING is its WAITING → DOWNLOADING transition.
                    if (event.phase() == RenderPhase.DOWNLOADING) {
                        probe.noticed(i);
                    }
                })
                .build();
        RenderHandle handle = engine.start(request, options);
        synchronized (handles) {
            handles[i] = handle;
        }
        handle.result().whenComplete((result, error) -> {
            if (error == null) {
                deleteQuietly(result.output());
                probe.finished(i);
            } else {
                probe.failed(i, error);
            }
        });
    }

    @Override
    public void cancelAll() {
        RenderHandle[] snapshot;
        synchronized (handles) {
            snapshot = handles.clone();
        }
        for (RenderHandle handle : snapshot) {
            if (handle != null) {
                handle.cancel();
            }
        }
        try {
            probe.awaitAllEnded(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void release() {
        synchronized (handles) {
            Arrays.fill(handles, null);
        }
        // A test aid of the scaled scheduler, not part of a render's state.
        scheduler.clearRecordedDelays();
    }

    /** Forgets the delays the scaled scheduler records for tests, so they do not count as render state. */
    @Override
    public void beforeHeapMeasurement() {
        scheduler.clearRecordedDelays();
    }

    @Override
    public void close() {
        if (receiver != null) {
            receiver.close();
        }
        engine.close();
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The run's directory is removed at the end anyway.
        }
    }
}

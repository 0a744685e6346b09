package io.jenkins.plugins.happyhorse.bench.scenario;

import io.jenkins.plugins.happyhorse.bench.Context;
import io.jenkins.plugins.happyhorse.bench.copy.PlainCopy;
import io.jenkins.plugins.happyhorse.bench.fleet.BlockingWaveSpeed;
import io.jenkins.plugins.happyhorse.bench.measure.HeapSampler;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderOptions;
import io.jenkins.plugins.happyhorse.client.engine.RenderPhase;
import io.jenkins.plugins.happyhorse.client.engine.RenderResult;
import io.jenkins.plugins.happyhorse.client.media.VerificationPolicy;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The transfers of one pass of {@link FilesScenario}, timed or watched for heap. */
final class FileTransfers {
    private final Context context;
    private final List<Path> images;
    private final Path out;
    private final Path copyDir;
    private final PlainCopy copy;
    private final Simulator upSim;
    private final RenderEngine upEngine;
    private final Simulator downSim;
    private final RenderEngine downEngine;
    /** The clip the engine last downloaded; the plain client downloads the same. */
    private URI lastOutputUrl;

    FileTransfers(
            Context context,
            List<Path> images,
            Path out,
            Path copyDir,
            PlainCopy copy,
            Simulator upSim,
            RenderEngine upEngine,
            Simulator downSim,
            RenderEngine downEngine) {
        this.context = context;
        this.images = images;
        this.out = out;
        this.copyDir = copyDir;
        this.copy = copy;
        this.upSim = upSim;
        this.upEngine = upEngine;
        this.downSim = downSim;
        this.downEngine = downEngine;
    }

    /** Seconds of each {@link FilesScenario.Kind}, in order. */
    double[] timeAll(long downloadBytes) throws Exception {
        double[] s = new double[FilesScenario.Kind.values().length];
        for (FilesScenario.Kind kind : FilesScenario.Kind.values()) {
            s[kind.ordinal()] = transfer(kind, downloadBytes);
        }
        context.log(String.format(
                java.util.Locale.ROOT,
                "    upload WS %.2f (plain %.2f), AC %.2f (plain %.2f), copy %.2f s; download %.2f (plain %.2f),"
                        + " copy+fsync %.2f, copy %.2f s",
                s[0],
                s[1],
                s[2],
                s[3],
                s[4],
                s[5],
                s[6],
                s[7],
                s[8]));
        return s;
    }

    /** Heap growth in bytes of each {@link FilesScenario.Kind}, in order. */
    double[] heapAll(long downloadBytes) throws Exception {
        double[] h = new double[FilesScenario.Kind.values().length];
        for (FilesScenario.Kind kind : FilesScenario.Kind.values()) {
            try (HeapSampler sampler = HeapSampler.start(FilesScenario.HEAP_SAMPLE_MS)) {
                transfer(kind, downloadBytes);
                sampler.close();
                h[kind.ordinal()] = sampler.retainedGrowth();
            }
        }
        StringBuilder line = new StringBuilder("    heap growth MiB:");
        for (FilesScenario.Kind kind : FilesScenario.Kind.values()) {
            line.append(String.format(java.util.Locale.ROOT, " %.2f", h[kind.ordinal()] / FilesScenario.MIB));
        }
        context.log(line.toString());
        return h;
    }

    /** Writes {@code bytes} to {@code file} in 1 MiB pieces, untimed, then deletes it. */
    private static void writeAndDelete(Path file, long bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
            for (long written = 0; written < bytes; written += buffer.capacity()) {
                buffer.clear();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        }
        Files.delete(file);
    }

    private double transfer(FilesScenario.Kind kind, long downloadBytes) throws Exception {
        flushDirtyPages();
        if (!kind.upload) {
            // The first large write after the uploads is slow on some machines whichever client
            // makes it (the page cache has to be won back), so without this the download timed
            // first always loses. Every download starts from the same state instead.
            writeAndDelete(copyDir.resolve("warm.bin"), downloadBytes);
        }
        Path target = copyDir.resolve("download.bin");
        switch (kind) {
            case UPLOAD_WAVESPEED:
                return engineUpload(ProviderId.WAVESPEED);
            case UPLOAD_WAVESPEED_PLAIN:
                return plainWaveSpeedUploads();
            case UPLOAD_ATLAS:
                return engineUpload(ProviderId.ATLASCLOUD);
            case UPLOAD_ATLAS_PLAIN:
                return PlainCopy.multipartUploads(
                        URI.create(upSim.atlasCloudBaseUrl() + "/model/uploadMedia"), upSim.apiKey(), images);
            case UPLOAD_COPY:
                try {
                    return copy.upload(images);
                } finally {
                    cleanCopies();
                }
            case DOWNLOAD_ENGINE:
                return engineDownload(downloadBytes);
            case DOWNLOAD_PLAIN:
                try {
                    long t0 = System.nanoTime();
                    long got = PlainCopy.fetch(lastOutputUrl, target, true);
                    if (got != downloadBytes) {
                        throw new IOException("the plain client received " + got + " of " + downloadBytes);
                    }
                    return (System.nanoTime() - t0) / 1e9;
                } finally {
                    Files.deleteIfExists(target);
                }
            default:
                try {
                    return copy.download(downloadBytes, target, kind == FilesScenario.Kind.DOWNLOAD_COPY_FSYNC);
                } finally {
                    Files.deleteIfExists(target);
                }
        }
    }

    private double plainWaveSpeedUploads() throws IOException {
        BlockingWaveSpeed client = new BlockingWaveSpeed(upSim.waveSpeedBaseUrl(), upSim.apiKey());
        long t0 = System.nanoTime();
        for (Path image : images) {
            client.upload(image);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private double engineUpload(ProviderId provider) throws Exception {
        RenderRequest.Builder request = RenderRequest.builder()
                .prompt("a horse in the style of the references")
                .duration(3)
                .provider(provider);
        images.forEach(i -> request.image(i.toString()));
        return timed(upEngine, upSim, request.build(), RenderPhase.UPLOADING, RenderPhase.SUBMITTING);
    }

    private double engineDownload(long bytes) throws Exception {
        RenderRequest request = RenderRequest.builder()
                .image(context.smallImage().toString())
                .prompt("a long horse")
                .duration(3)
                .provider(ProviderId.WAVESPEED)
                .build();
        double seconds = timed(downEngine, downSim, request, RenderPhase.DOWNLOADING, RenderPhase.VERIFYING);
        if (seconds <= 0) {
            throw new IllegalStateException("the download of " + bytes + " bytes was not timed");
        }
        return seconds;
    }

    /** Runs one render; returns the real seconds from the first event of {@code from} to that of {@code to}. */
    private double timed(RenderEngine engine, Simulator sim, RenderRequest request, RenderPhase from, RenderPhase to)
            throws Exception {
        Map<RenderPhase, Long> firstSeen = new EnumMap<>(RenderPhase.class);
        Path output = out.resolve("clip.mp4");
        RenderHandle handle = engine.start(
                request,
                RenderOptions.builder()
                        .apiKey(ApiKey.of(sim.apiKey()))
                        .output(output)
                        // Engine-clock time runs 1000 times faster than real time here.
                        .deadline(Duration.ofDays(30))
                        .verificationPolicy(VerificationPolicy.aspectRatioOnly())
                        .listener(event -> {
                            long now = System.nanoTime();
                            synchronized (firstSeen) {
                                firstSeen.putIfAbsent(event.phase(), now);
                            }
                        })
                        .build());
        RenderResult result = handle.result().get(10, TimeUnit.MINUTES);
        Files.delete(result.output());
        lastOutputUrl = result.outputUrl();
        synchronized (firstSeen) {
            Long a = firstSeen.get(from);
            Long b = firstSeen.get(to);
            if (a == null || b == null) {
                throw new IllegalStateException("the render never reported " + from + " and " + to);
            }
            return (b - a) / 1e9;
        }
    }

    /**
     * Writes every dirty page to disk first (the {@code sync} command), so that the writeback
     * of one transfer's files does not slow the {@code fsync} of the next.
     */
    private static void flushDirtyPages() throws InterruptedException {
        try {
            Process sync = new ProcessBuilder("sync").redirectErrorStream(true).start();
            sync.getInputStream().readAllBytes();
            sync.waitFor(2, TimeUnit.MINUTES);
        } catch (IOException e) {
            // No sync command here; the transfers are then timed without it.
        }
    }

    private void cleanCopies() throws IOException {
        try (var files = Files.list(copyDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
    }
}

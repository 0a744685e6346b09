package io.jenkins.plugins.happyhorse.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.bench.Context;
import io.jenkins.plugins.happyhorse.bench.Scenario;
import io.jenkins.plugins.happyhorse.bench.Target;
import io.jenkins.plugins.happyhorse.bench.copy.PlainCopy;
import io.jenkins.plugins.happyhorse.bench.measure.Percentiles;
import io.jenkins.plugins.happyhorse.bench.report.Report;
import io.jenkins.plugins.happyhorse.bench.workload.PngWriter;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.time.TimeScaledScheduler;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Uploads and downloads: nine reference images of 20 MB uploaded by one render (WaveSpeed's
 * presigned PUT, and Atlas Cloud's multipart form), and one 512 MiB clip downloaded (the
 * simulator pads the clip with a streamed {@code free} box). Each is timed between the engine's
 * own phase events, next to {@link PlainCopy} moving the same bytes in the same run (the download
 * both with and without the {@code fsync} the engine does before it verifies a clip), and its
 * heap growth is measured in a separate pass that forces a collection every 100 ms.
 */
public final class FilesScenario implements Scenario {
    /** The heap a transfer may add, whatever the file size. */
    public static final double MAX_HEAP_GROWTH_MIB = 32;
    /** The share of the plain copy's throughput the engine must reach. */
    public static final double MIN_THROUGHPUT_SHARE = 0.7;

    private static final double SCALE = 1000;
    static final double MIB = 1024.0 * 1024.0;
    static final long HEAP_SAMPLE_MS = 100;

    @Override
    public String name() {
        return "files";
    }

    @Override
    public String title() {
        return "Uploads and downloads: throughput and heap growth against a plain loopback copy";
    }

    /** The transfers timed side by side, in the order they run in each pass. */
    enum Kind {
        UPLOAD_WAVESPEED("upload, engine → simulator, WaveSpeed presigned PUT", true),
        UPLOAD_WAVESPEED_PLAIN("upload, plain client → simulator, WaveSpeed presigned PUT", true),
        UPLOAD_ATLAS("upload, engine → simulator, Atlas Cloud multipart", true),
        UPLOAD_ATLAS_PLAIN("upload, plain client → simulator, Atlas Cloud multipart", true),
        UPLOAD_COPY("upload, plain loopback copy (PUT to a bare JDK server)", true),
        DOWNLOAD_ENGINE("download, engine ← simulator, to file + fsync + verify", false),
        DOWNLOAD_PLAIN("download, plain client ← simulator, to file + fsync", false),
        DOWNLOAD_COPY_FSYNC("download, plain loopback copy, to file + fsync", false),
        DOWNLOAD_COPY("download, plain loopback copy, to file (no fsync)", false);

        final String label;
        final boolean upload;

        Kind(String label, boolean upload) {
            this.label = label;
            this.upload = upload;
        }
    }

    @Override
    public ObjectNode run(Context context) throws Exception {
        var s = context.settings();
        Path imagesDir = context.newDirectory("images-");
        List<Path> images = new ArrayList<>();
        int side = PngWriter.sideForSize(s.imageBytes());
        long uploadBytes = 0;
        for (int k = 0; k < s.imageCount(); k++) {
            Path image = imagesDir.resolve("reference-" + k + ".png");
            uploadBytes += PngWriter.write(image, side, side, Context.SEED + k);
            images.add(image);
        }
        context.log("  " + images.size() + " images of " + Files.size(images.get(0)) + " bytes (" + side + "×" + side
                + " PNG); clip padded to " + s.downloadBytes() + " bytes");
        Path out = context.newDirectory("files-out-");
        Path copyDir = context.newDirectory("files-copy-");
        Kind[] kinds = Kind.values();

        try (Simulator upSim = context.simulator(SCALE, b -> b.processingTime(Duration.ofSeconds(60)));
                Simulator downSim = context.simulator(
                        SCALE, b -> b.processingTime(Duration.ofSeconds(60)).padOutputsTo(s.downloadBytes()));
                RenderEngine upEngine = engine(upSim);
                RenderEngine downEngine = engine(downSim);
                PlainCopy copy = new PlainCopy(copyDir)) {
            FileTransfers t =
                    new FileTransfers(context, images, out, copyDir, copy, upSim, upEngine, downSim, downEngine);
            context.log("  warm-up pass (not counted)");
            t.timeAll(s.downloadBytes());
            int reps = s.fileRepetitions();
            double[][] seconds = new double[kinds.length][reps];
            for (int r = 0; r < reps; r++) {
                context.log("  timed pass " + (r + 1) + " of " + reps);
                double[] pass = t.timeAll(s.downloadBytes());
                for (int k = 0; k < kinds.length; k++) {
                    seconds[k][r] = pass[k];
                }
            }
            context.log("  heap pass (a forced collection every " + HEAP_SAMPLE_MS + " ms)");
            double[] heap = t.heapAll(s.downloadBytes());

            double[] throughput = new double[kinds.length];
            long[] bytes = new long[kinds.length];
            for (int k = 0; k < kinds.length; k++) {
                bytes[k] = kinds[k].upload ? uploadBytes : s.downloadBytes();
                throughput[k] = bytes[k] / MIB / Percentiles.of(seconds[k]).p50();
            }

            ObjectNode result = context.json().createObjectNode();
            result.put("title", title());
            ObjectNode settings = result.putObject("settings");
            settings.put("images", images.size());
            settings.put("imageBytes", Files.size(images.get(0)));
            settings.put("uploadBytes", uploadBytes);
            settings.put("downloadBytes", s.downloadBytes());
            settings.put("timedRepetitions", reps);
            settings.put("timeScale", SCALE);
            settings.put(
                    "yardsticks",
                    "plain client: HttpURLConnection, 64 KiB buffers, the same transfer with the same simulator;"
                            + " plain loopback copy: the same client with a bare JDK HttpServer; both disk to disk");
            ArrayNode rows = result.putArray("transfers");
            for (int k = 0; k < kinds.length; k++) {
                ObjectNode row = rows.addObject();
                row.put("transfer", kinds[k].label);
                row.put("bytes", bytes[k]);
                row.put("medianSeconds", Percentiles.of(seconds[k]).p50());
                row.put("throughputMiBs", throughput[k]);
                row.put("heapGrowthBytes", heap[k]);
                ArrayNode all = row.putArray("seconds");
                for (double v : seconds[k]) {
                    all.add(v);
                }
            }
            double copyUp = throughput[Kind.UPLOAD_COPY.ordinal()];
            double copyDownFsync = throughput[Kind.DOWNLOAD_COPY_FSYNC.ordinal()];
            double copyDown = throughput[Kind.DOWNLOAD_COPY.ordinal()];
            ObjectNode summary = result.putObject("summary");
            List<Target> targets = new ArrayList<>();
            String how = "timed between the engine's own phase events; median of " + reps
                    + "; the plain client is a JDK HttpURLConnection doing the same transfer with the same simulator"
                    + " in the same run";
            targets.add(share(
                    summary,
                    "uploadWaveSpeedOverPlainClient",
                    "upload throughput, WaveSpeed presigned PUT",
                    throughput,
                    Kind.UPLOAD_WAVESPEED,
                    Kind.UPLOAD_WAVESPEED_PLAIN,
                    how + "; against the plain loopback copy (" + Report.number(copyUp) + " MiB/s): "
                            + percent(throughput[Kind.UPLOAD_WAVESPEED.ordinal()], copyUp)));
            targets.add(share(
                    summary,
                    "uploadAtlasCloudOverPlainClient",
                    "upload throughput, Atlas Cloud multipart",
                    throughput,
                    Kind.UPLOAD_ATLAS,
                    Kind.UPLOAD_ATLAS_PLAIN,
                    how + "; against the plain loopback copy (" + Report.number(copyUp) + " MiB/s, no multipart"
                            + " parsing): " + percent(throughput[Kind.UPLOAD_ATLAS.ordinal()], copyUp)));
            double engineDown = throughput[Kind.DOWNLOAD_ENGINE.ordinal()];
            targets.add(share(
                    summary,
                    "downloadOverPlainClient",
                    "download throughput, to file + fsync",
                    throughput,
                    Kind.DOWNLOAD_ENGINE,
                    Kind.DOWNLOAD_PLAIN,
                    how + "; against the plain loopback copy with fsync (" + Report.number(copyDownFsync)
                            + " MiB/s): " + percent(engineDown, copyDownFsync) + ", without fsync ("
                            + Report.number(copyDown) + " MiB/s): " + percent(engineDown, copyDown)));
            summary.put("uploadWaveSpeedOverLoopbackCopy", throughput[Kind.UPLOAD_WAVESPEED.ordinal()] / copyUp);
            summary.put("uploadAtlasCloudOverLoopbackCopy", throughput[Kind.UPLOAD_ATLAS.ordinal()] / copyUp);
            summary.put("downloadOverLoopbackCopyWithFsync", engineDown / copyDownFsync);
            summary.put("downloadOverLoopbackCopyWithoutFsync", engineDown / copyDown);
            String heapHow = "highest heap after a forced GC during the whole render, minus before; includes the"
                    + " in-process simulator's buffers; the plain client: ";
            targets.add(Target.atMost(
                    name(),
                    "heap growth, upload " + Report.mib(uploadBytes) + " MiB (WaveSpeed)",
                    heap[Kind.UPLOAD_WAVESPEED.ordinal()] / MIB,
                    MAX_HEAP_GROWTH_MIB,
                    "MiB",
                    heapHow + Report.mib(heap[Kind.UPLOAD_WAVESPEED_PLAIN.ordinal()]) + " MiB"));
            targets.add(Target.atMost(
                    name(),
                    "heap growth, upload " + Report.mib(uploadBytes) + " MiB (Atlas Cloud)",
                    heap[Kind.UPLOAD_ATLAS.ordinal()] / MIB,
                    MAX_HEAP_GROWTH_MIB,
                    "MiB",
                    heapHow + Report.mib(heap[Kind.UPLOAD_ATLAS_PLAIN.ordinal()]) + " MiB"));
            targets.add(Target.atMost(
                    name(),
                    "heap growth, download " + Report.mib(s.downloadBytes()) + " MiB",
                    heap[Kind.DOWNLOAD_ENGINE.ordinal()] / MIB,
                    MAX_HEAP_GROWTH_MIB,
                    "MiB",
                    heapHow + Report.mib(heap[Kind.DOWNLOAD_PLAIN.ordinal()]) + " MiB"));
            result.set("targets", context.json().valueToTree(targets));
            return result;
        }
    }

    private Target share(
            ObjectNode summary,
            String summaryKey,
            String name,
            double[] throughput,
            Kind engine,
            Kind plain,
            String how) {
        double e = throughput[engine.ordinal()];
        double p = throughput[plain.ordinal()];
        summary.put(summaryKey, e / p);
        return Target.atLeast(
                this.name(),
                name + " (share of the plain client's)",
                e / p * 100,
                MIN_THROUGHPUT_SHARE * 100,
                "%",
                "engine " + Report.number(e) + " MiB/s, plain client " + Report.number(p) + " MiB/s; " + how);
    }

    private static String percent(double a, double b) {
        return Report.number(a / b * 100) + " %";
    }

    private static RenderEngine engine(Simulator sim) {
        return RenderEngine.builder()
                .endpoint(ProviderId.WAVESPEED, sim.waveSpeedBaseUrl())
                .endpoint(ProviderId.ATLASCLOUD, sim.atlasCloudBaseUrl())
                .scheduler(new TimeScaledScheduler(SCALE, sim.simulatedNow()))
                .build();
    }
}

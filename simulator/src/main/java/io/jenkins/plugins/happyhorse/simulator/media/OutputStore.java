package io.jenkins.plugins.happyhorse.simulator.media;

import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.job.Job;
import io.jenkins.plugins.happyhorse.simulator.job.JobParameters;
import io.jenkins.plugins.happyhorse.simulator.video.FrameSource;
import io.jenkins.plugins.happyhorse.simulator.video.Mp4ClipWriter;
import io.jenkins.plugins.happyhorse.simulator.video.PictureSize;
import io.jenkins.plugins.happyhorse.simulator.video.ReferencePictures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generates each job's clip on its first download and keeps it on disk for later ones.
 * Concurrent first downloads of one job wait for the same generation.
 */
public final class OutputStore {
    private final Path directory;
    private final MediaStore media;
    private final int pictureScale;
    private final long padTo;
    private final OutputRules rules;
    private final ConcurrentHashMap<String, CompletableFuture<Clip>> clips = new ConcurrentHashMap<>();

    /**
     * @param directory where clips are written (created if missing)
     * @param media resolves reference image URLs that point at this media origin
     * @param pictureScale divides both picture sides (1 = nominal size)
     * @param padTo pads every clip to this many bytes with a {@code free} box (0 = no padding)
     */
    public OutputStore(Path directory, MediaStore media, int pictureScale, long padTo) throws IOException {
        this(directory, media, pictureScale, padTo, OutputRules.NONE);
    }

    /**
     * @param rules what the hosts add: their own image URLs, marks on the pictures, link expiry
     */
    public OutputStore(Path directory, MediaStore media, int pictureScale, long padTo, OutputRules rules)
            throws IOException {
        this.directory = Files.createDirectories(directory);
        this.media = media;
        this.pictureScale = pictureScale;
        this.padTo = padTo;
        this.rules = rules;
    }

    /** Whether the job's output link has expired at simulated instant {@code now}. */
    public boolean expired(Job job, Instant now) {
        return rules.expired(job, now);
    }

    /** The display size of the job's clip, faults included. */
    public PictureSize pictureSize(Job job) {
        JobParameters p = job.parameters();
        PictureSize nominal = job.outcome() == Outcome.WRONG_SIZE
                ? PictureSize.withShortSide(480, p.aspectRatio())
                : PictureSize.nominal(p.resolution(), p.aspectRatio());
        return nominal.scaledDown(pictureScale);
    }

    /** The length in seconds of the job's clip, faults included. */
    public static int durationSeconds(Job job) {
        int requested = job.parameters().durationSeconds();
        if (job.outcome() == Outcome.WRONG_DURATION) {
            return requested >= 5 ? requested - 2 : requested + 2;
        }
        return requested;
    }

    /** The job's clip, generated now if this is its first download. */
    public Clip clipFor(Job job) throws IOException {
        CompletableFuture<Clip> mine = new CompletableFuture<>();
        CompletableFuture<Clip> existing = clips.putIfAbsent(job.id(), mine);
        if (existing == null) {
            try {
                mine.complete(generate(job));
            } catch (IOException | RuntimeException e) {
                clips.remove(job.id(), mine);
                mine.completeExceptionally(e);
            }
            existing = mine;
        }
        try {
            return existing.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof UncheckedIOException) {
                throw ((UncheckedIOException) cause).getCause();
            }
            throw e;
        }
    }

    private Clip generate(Job job) throws IOException {
        List<FrameSource> sources = new ArrayList<>();
        for (String url : job.parameters().images()) {
            FrameSource source = media.fileFor(url)
                    .or(() -> rules.imageFile(url))
                    .map(file -> ReferencePictures.image(file, url))
                    .orElseGet(() -> ReferencePictures.pattern(url));
            sources.add(rules.decorate(job, source));
        }
        Path file = directory.resolve(job.id() + ".mp4");
        long length = Mp4ClipWriter.write(file, pictureSize(job), durationSeconds(job), sources);
        return Clip.of(file, length, padTo);
    }
}

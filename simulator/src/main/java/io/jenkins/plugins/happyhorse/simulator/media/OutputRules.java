package io.jenkins.plugins.happyhorse.simulator.media;

import io.jenkins.plugins.happyhorse.simulator.job.Job;
import io.jenkins.plugins.happyhorse.simulator.video.FrameSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What a host adds to how its clips are made and served: image URLs only it can resolve (Model
 * Studio's {@code oss://} keys), marks it draws on the pictures, and when its output links
 * expire. The defaults add nothing.
 */
public interface OutputRules {
    /** Rules that add nothing: images from the media origin only, no marks, links never expire. */
    OutputRules NONE = new OutputRules() {};

    /** The stored file behind an image URL the media store does not know, if this host knows it. */
    default Optional<Path> imageFile(String url) {
        return Optional.empty();
    }

    /** The pictures of {@code job}'s clip as the host shows them (for example with a watermark). */
    default FrameSource decorate(Job job, FrameSource source) {
        return source;
    }

    /** Whether {@code job}'s output link has expired at simulated instant {@code now}. */
    default boolean expired(Job job, Instant now) {
        return false;
    }

    /** These rules, then {@code next} where these add nothing. */
    default OutputRules andThen(OutputRules next) {
        OutputRules first = this;
        return new OutputRules() {
            @Override
            public Optional<Path> imageFile(String url) {
                Optional<Path> file = first.imageFile(url);
                return file.isPresent() ? file : next.imageFile(url);
            }

            @Override
            public FrameSource decorate(Job job, FrameSource source) {
                return next.decorate(job, first.decorate(job, source));
            }

            @Override
            public boolean expired(Job job, Instant now) {
                return first.expired(job, now) || next.expired(job, now);
            }
        };
    }
}

package io.jenkins.plugins.happyhorse.render;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.job.JobRef;
import io.jenkins.plugins.happyhorse.client.spec.AspectRatio;
import io.jenkins.plugins.happyhorse.client.spec.ClipShape;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a request to collect the clip of a job submitted (and paid for) earlier, by its
 * prediction id: the host, the credential, the output, and the shape the clip must have when the
 * user gave one. Images, prompt, seed and cost limit play no part: nothing is submitted.
 */
final class CollectPreparation {

    private CollectPreparation() {}

    /**
     * What to collect, where it goes and how to check it.
     *
     * @param job the host and the prediction id
     * @param expected the shape the clip must have, or null to check only that it is a whole MP4
     * @param credentialsId the credential holding the key
     * @param output the clip's path relative to the workspace
     * @param timeoutMinutes how long collecting may take (waiting for the job included)
     */
    record PreparedCollection(
            JobRef job, @CheckForNull ClipShape expected, String credentialsId, String output, int timeoutMinutes) {}

    /**
     * @param settings the step's own settings, resolved against the global defaults
     * @throws InvalidRequestException listing every problem, before any HTTP request
     */
    static PreparedCollection prepare(
            RenderParameters parameters, StepSettings settings, @CheckForNull FilePath workspace, int number)
            throws IOException, InterruptedException {
        List<Violation> violations = new ArrayList<>(settings.problems());
        String output = RenderPreparation.output(parameters, workspace, number, violations);
        String providerText = settings.provider() == null ? ProviderId.WAVESPEED.id() : settings.provider();
        Optional<ProviderId> provider = ProviderId.parse(providerText);
        if (provider.isEmpty()) {
            violations.add(new Violation("provider", providerText, ProviderId.allowedIds()));
        }
        ClipShape expected = expected(parameters, settings, violations);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new PreparedCollection(
                new JobRef(provider.orElseThrow(), parameters.predictionId()),
                expected,
                settings.credentialsId(),
                output,
                settings.timeoutMinutes());
    }

    /**
     * The shape given by {@code duration}, {@code resolution} and {@code aspectRatio} when at least
     * one of them is set (the defaults fill in the others), else null.
     */
    private static @CheckForNull ClipShape expected(
            RenderParameters parameters, StepSettings settings, List<Violation> violations) {
        if (parameters.duration() == null && parameters.resolution() == null && parameters.aspectRatio() == null) {
            return null;
        }
        Optional<Resolution> resolution = parameters.resolution() == null
                ? Optional.of(Resolution.P720)
                : Resolution.parse(parameters.resolution());
        if (resolution.isEmpty()) {
            violations.add(new Violation("resolution", parameters.resolution(), "720p or 1080p"));
        }
        Optional<AspectRatio> ratio = parameters.aspectRatio() == null
                ? Optional.of(AspectRatio.R16_9)
                : AspectRatio.parse(parameters.aspectRatio());
        if (ratio.isEmpty()) {
            violations.add(new Violation("aspectRatio", parameters.aspectRatio(), "16:9, 9:16, 1:1, 4:3 or 3:4"));
        }
        Integer given = settings.duration();
        int duration = given == null ? ClipSpec.DEFAULT_DURATION : given;
        if (!ClipSpec.isDuration(duration)) {
            violations.add(new Violation("duration", String.valueOf(duration), "an integer from 3 to 15 (seconds)"));
        }
        if (!violations.isEmpty()) {
            return null;
        }
        return new ClipShape(resolution.get(), ratio.get(), duration);
    }
}

package io.jenkins.plugins.happyhorse.render;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.action.RenderAction;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.request.ParsedClip;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration;
import io.jenkins.plugins.happyhorse.workspace.ImageScan;
import io.jenkins.plugins.happyhorse.workspace.OutputLocation;
import io.jenkins.plugins.happyhorse.workspace.OutputPaths;
import io.jenkins.plugins.happyhorse.workspace.WorkspaceImageScanner;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what the user typed into a {@link PreparedRender}, or refuses it before any HTTP request
 * with every problem at once (each naming the field, the value and what is allowed). Workspace
 * images are checked where the workspace lives and then streamed to a controller folder; nothing
 * is read whole into the controller's memory. Blocking: call it off the Pipeline's CPS thread.
 */
public final class RenderPreparation {

    private static final String IMAGES_ALLOWED =
            "workspace paths or globs of png, jpeg or webp files of at most 20 MB, or https URLs; 1 to 9 images";

    // As the request words them (client.request), for the checks it cannot make: numbers it never
    // sees because they are not whole or do not fit its types.
    private static final String DURATION_ALLOWED = "an integer from 3 to 15 (seconds)";
    private static final String SEED_ALLOWED = "an integer from 0 to 2147483647, or none for random";

    private RenderPreparation() {}

    /** The global defaults applied to {@code parameters}: provider, credentials and timeout. */
    static ResolvedSettings resolve(RenderParameters parameters, HappyHorseConfiguration config) {
        String provider = parameters.provider() != null ? parameters.provider() : config.getDefaultProvider();
        String credentialsId =
                parameters.credentialsId() != null ? parameters.credentialsId() : config.getDefaultCredentialsId();
        int timeout = parameters.timeout() != null ? parameters.timeout() : config.getDefaultTimeoutMinutes();
        return new ResolvedSettings(provider, credentialsId, timeout);
    }

    /**
     * Checks everything and stages the workspace images.
     *
     * @param workspace the workspace, or null outside {@code node {}}
     * @throws InvalidRequestException listing every problem, before any HTTP request
     */
    public static PreparedRender prepare(
            RenderParameters parameters,
            Run<?, ?> run,
            @CheckForNull FilePath workspace,
            TaskListener listener,
            Path stagingRoot)
            throws IOException, InterruptedException {
        ResolvedSettings settings = resolve(parameters, HappyHorseConfiguration.get());
        List<Violation> violations = new ArrayList<>();
        checkSettings(parameters, settings, violations);

        int number = RenderAction.of(run).reserveNumber();
        String output = OutputPaths.normalize(parameters.output());
        if (output == null) {
            output = OutputPaths.defaultFor(number);
        }
        String outputProblem = OutputPaths.problem(output).orElse(null);
        if (outputProblem == null && workspace != null) {
            // What lies in the workspace now (a folder by that name, a symbolic link on the way)
            // is checked here too, not only when the clip is delivered after it was paid for.
            outputProblem = workspace.act(new OutputLocation.Check(output));
        }
        if (outputProblem != null) {
            violations.add(new Violation("output", output, OutputPaths.ALLOWED, outputProblem));
        }

        // Workspace entries are checked where the workspace lives, all in one call.
        List<String> files = new ArrayList<>();
        for (String entry : parameters.images()) {
            if (!ImageEntries.isUrl(entry)) {
                files.add(entry);
            }
        }
        List<ImageScan.WorkspaceImage> workspaceImages = List.of();
        if (!files.isEmpty()) {
            if (workspace == null) {
                for (String file : files) {
                    violations.add(
                            new Violation("images", file, IMAGES_ALLOWED, Messages.RenderPreparation_NoWorkspace()));
                }
            } else {
                ImageScan scan = workspace.act(new WorkspaceImageScanner(files));
                for (ImageScan.Problem problem : scan.problems()) {
                    violations.add(new Violation("images", problem.entry(), IMAGES_ALLOWED, problem.reason()));
                }
                workspaceImages = scan.images();
            }
        }

        // Everything but the local files can be checked now, before a byte is copied: stand-in
        // https URLs take the workspace images' places (their count and order still matter).
        List<String> placeholders = new ArrayList<>();
        for (int i = 0; i < workspaceImages.size(); i++) {
            placeholders.add("https://workspace.invalid/image-" + i);
        }
        violations.addAll(request(parameters, settings, inOrder(parameters.images(), workspaceImages, placeholders))
                .validate());
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }

        // A fresh folder only this process's user can read: the images may be confidential.
        Path stagingDir = Files.createTempDirectory(Files.createDirectories(stagingRoot), "render-");
        try {
            List<String> staged =
                    workspace == null ? List.of() : stage(workspace, workspaceImages, stagingDir, listener);
            ParsedClip clip = request(parameters, settings, inOrder(parameters.images(), workspaceImages, staged))
                    .parse();
            if (!clip.isValid()) {
                // The files changed between the check and the copy, or a copy is not a whole image.
                throw new InvalidRequestException(clip.violations());
            }
            return new PreparedRender(
                    clip.orElseThrow(),
                    settings.credentialsId(),
                    output,
                    number,
                    stagingDir,
                    settings.timeoutMinutes());
        } catch (IOException | InterruptedException | RuntimeException e) {
            Util.deleteRecursive(stagingDir.toFile());
            throw e;
        }
    }

    /**
     * The images in the order the user gave them: URLs as they are, each workspace entry replaced
     * by its files ({@code local} holds one value per workspace image, in scan order).
     */
    private static List<String> inOrder(
            List<String> entries, List<ImageScan.WorkspaceImage> workspaceImages, List<String> local) {
        List<String> out = new ArrayList<>();
        int fileEntry = 0;
        for (String entry : entries) {
            if (ImageEntries.isUrl(entry)) {
                out.add(entry);
                continue;
            }
            for (int i = 0; i < workspaceImages.size(); i++) {
                if (workspaceImages.get(i).entryIndex() == fileEntry) {
                    out.add(local.get(i));
                }
            }
            fileEntry++;
        }
        return out;
    }

    /** Streams the checked workspace images to {@code stagingDir}; returns their local paths. */
    private static List<String> stage(
            FilePath workspace, List<ImageScan.WorkspaceImage> images, Path stagingDir, TaskListener listener)
            throws IOException, InterruptedException {
        List<String> local = new ArrayList<>();
        int index = 0;
        for (ImageScan.WorkspaceImage image : images) {
            Path copy = stagingDir.resolve("image-" + index++ + "." + image.extension());
            listener.getLogger().println(Messages.RenderPreparation_Staging(image.relativePath(), image.size()));
            workspace.child(image.relativePath()).copyTo(new FilePath(copy.toFile()));
            local.add(copy.toString());
        }
        return local;
    }

    private static void checkSettings(RenderParameters parameters, ResolvedSettings settings, List<Violation> out) {
        if (settings.credentialsId() == null) {
            out.add(new Violation(
                    "credentialsId",
                    null,
                    "the id of a Secret text credential holding the host's API key",
                    "no credentials given and no default set in Manage Jenkins » System"));
        }
        if (settings.timeoutMinutes() < 1) {
            out.add(new Violation(
                    "timeout", String.valueOf(settings.timeoutMinutes()), "a whole number of minutes, at least 1"));
        }
        Double duration = parameters.duration();
        if (duration != null && wholeDuration(duration) == null) {
            out.add(new Violation(
                    "duration",
                    RenderParameters.shown(duration),
                    DURATION_ALLOWED,
                    isWholeNumber(duration) ? null : "not a whole number"));
        }
        Double seed = parameters.seed();
        if (seed != null && validSeed(seed) == null) {
            out.add(new Violation(
                    "seed",
                    RenderParameters.shown(seed),
                    SEED_ALLOWED,
                    isWholeNumber(seed) ? null : "not a whole number"));
        }
        Double maxCost = parameters.maxCost();
        if (maxCost != null && (maxCost < 0 || maxCost.isNaN() || maxCost.isInfinite())) {
            out.add(new Violation("maxCost", String.valueOf(maxCost), "an amount in USD, zero or more"));
        }
    }

    private static RenderRequest request(RenderParameters parameters, ResolvedSettings settings, List<String> images) {
        return RenderRequest.builder()
                .images(images)
                .prompt(parameters.prompt())
                .resolution(parameters.resolution())
                .aspectRatio(parameters.aspectRatio())
                .duration(parameters.duration() == null ? null : wholeDuration(parameters.duration()))
                .seed(parameters.seed() == null ? null : validSeed(parameters.seed()))
                .provider(settings.provider())
                .build();
    }

    private static boolean isWholeNumber(double value) {
        return !Double.isNaN(value) && !Double.isInfinite(value) && Double.compare(value, Math.rint(value)) == 0;
    }

    /**
     * The duration as the request takes it, or null when it is not a whole number that fits an
     * {@code int} (refused by {@link #checkSettings} instead, naming the value as written; the
     * request would only see it narrowed). Its range is left to the request's own check.
     */
    private static @CheckForNull Integer wholeDuration(double value) {
        return isWholeNumber(value) && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (int) value : null;
    }

    /** The seed as the request takes it, or null when it is not a whole number from 0 to 2^31 - 1. */
    private static @CheckForNull Long validSeed(double value) {
        return isWholeNumber(value) && value >= 0 && value <= Integer.MAX_VALUE ? (long) value : null;
    }

    /** The cost limit as the engine takes it, or null for none. */
    public static @CheckForNull BigDecimal maxCost(RenderParameters parameters) {
        return parameters.maxCost() == null ? null : BigDecimal.valueOf(parameters.maxCost());
    }

    /**
     * The step's settings after the global defaults.
     *
     * @param provider the host id, or null for the engine's default (WaveSpeed)
     * @param credentialsId the credential id, or null when none is known
     * @param timeoutMinutes how long the whole render may take
     */
    public record ResolvedSettings(
            @CheckForNull String provider, @CheckForNull String credentialsId, int timeoutMinutes) {}
}

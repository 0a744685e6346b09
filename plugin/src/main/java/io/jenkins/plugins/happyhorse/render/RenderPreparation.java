package io.jenkins.plugins.happyhorse.render;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.request.ParsedClip;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ImageSource.LocalImage;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import io.jenkins.plugins.happyhorse.workspace.ImageEntries;
import io.jenkins.plugins.happyhorse.workspace.ImageScan;
import io.jenkins.plugins.happyhorse.workspace.OutputLocation;
import io.jenkins.plugins.happyhorse.workspace.OutputPaths;
import io.jenkins.plugins.happyhorse.workspace.WorkspaceImageScanner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns what the user typed into a {@link PreparedRender}, or refuses it before any HTTP request
 * with every problem at once, each named as the user typed it. Each value is checked once:
 *
 * <ul>
 *   <li>the step's own settings ({@link StepSettings}: credentials, timeout, numbers that are not
 *       whole), resolved by the caller and given to it, and the output path here;
 *   <li>workspace images where the workspace lives ({@link WorkspaceImageScanner}), which reads
 *       each file once and sends back its facts;
 *   <li>everything else when the draft is parsed, once, into the clip: the workspace images go
 *       into it with the facts read on the agent, so the controller never reads them again.
 * </ul>
 *
 * Only then are the workspace images streamed to the render's staging folder; the copy is hashed
 * as it arrives and must hold the bytes the agent read. Blocking: call it off the Pipeline's CPS
 * thread.
 */
final class RenderPreparation {

    static final String IMAGES_ALLOWED =
            "workspace paths or globs of png, jpeg or webp files of at most 20 MB, or https URLs; 1 to 9 images";

    private RenderPreparation() {}

    /**
     * Checks everything and stages the workspace images.
     *
     * @param settings the step's own settings, resolved against the global defaults
     * @param workspace the workspace, or null outside {@code node {}}
     * @param number the render's number in its build, for the default output
     * @throws InvalidRequestException listing every problem, before any HTTP request
     */
    static PreparedRender prepare(
            RenderParameters parameters,
            StepSettings settings,
            @CheckForNull FilePath workspace,
            int number,
            StagingArea staging,
            BuildLog log)
            throws IOException, InterruptedException {
        List<Violation> violations = new ArrayList<>(settings.problems());
        String output = output(parameters, workspace, number, violations);

        // Workspace entries are checked where the workspace lives, all in one call.
        List<String> files = parameters.images().stream()
                .filter(entry -> !ImageEntries.isUrl(entry))
                .toList();
        List<ImageScan.WorkspaceImage> workspaceImages = List.of();
        boolean imageRefused = false;
        if (!files.isEmpty() && workspace == null) {
            for (String file : files) {
                violations.add(new Violation("images", file, IMAGES_ALLOWED, Messages.RenderPreparation_NoWorkspace()));
            }
            imageRefused = true;
        } else if (!files.isEmpty()) {
            ImageScan scan = workspace.act(new WorkspaceImageScanner(files));
            for (ImageScan.Problem problem : scan.problems()) {
                violations.add(new Violation("images", problem.entry(), IMAGES_ALLOWED, problem.reason()));
            }
            imageRefused = !scan.problems().isEmpty();
            workspaceImages = scan.images();
        }

        // The draft, parsed once: URLs as typed, workspace images with the facts read on the agent
        // (their copies' paths are where staging will put them).
        Draft draft = draft(parameters, settings, workspaceImages, staging);
        ParsedClip clip = draft.request().parse();
        for (Violation v : PreparedRender.ImageNames.rename(clip.violations(), draft.shown())) {
            // An entry refused above is not counted again as a missing image.
            if (!(imageRefused && v.field().equals("images") && draft.shown().isEmpty())) {
                violations.add(v);
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        if (workspace != null) {
            stage(workspace, draft.copies(), log);
        }
        return new PreparedRender(
                clip.orElseThrow(), settings.credentialsId(), output, settings.timeoutMinutes(), draft.shown());
    }

    /** The clip's path in the workspace, checked against what lies there now; null when refused. */
    static @CheckForNull String output(
            RenderParameters parameters, @CheckForNull FilePath workspace, int number, List<Violation> violations)
            throws IOException, InterruptedException {
        String output = OutputPaths.normalize(parameters.output());
        if (output == null) {
            output = OutputPaths.defaultFor(number);
        }
        String problem = OutputPaths.problem(output).orElse(null);
        if (problem == null && workspace != null) {
            // What lies in the workspace now (a folder by that name, a symbolic link on the way)
            // is checked here too, not only when the clip is delivered after it was paid for.
            problem = workspace.act(new OutputLocation.Check(output));
        }
        if (problem != null) {
            violations.add(new Violation("output", output, OutputPaths.ALLOWED, problem));
            return null;
        }
        return output;
    }

    /**
     * The draft; for each of its images, the name to show in a problem (a workspace image by its
     * entry and the file a glob matched, a URL as the engine shows it: null); and where each
     * workspace image is to be copied.
     */
    private record Draft(RenderRequest request, List<String> shown, List<Copy> copies) {}

    /** A workspace image and the path of its copy in the staging folder. */
    private record Copy(ImageScan.WorkspaceImage image, Path to) {}

    private static Draft draft(
            RenderParameters parameters,
            StepSettings settings,
            List<ImageScan.WorkspaceImage> workspaceImages,
            StagingArea staging) {
        RenderRequest.Builder request = RenderRequest.builder()
                .prompt(parameters.prompt())
                .resolution(parameters.resolution())
                .aspectRatio(parameters.aspectRatio())
                .duration(settings.duration())
                .seed(settings.seed())
                .provider(settings.provider())
                .model(parameters.model())
                // Unset when not asked for: the request is then exactly what it was before the
                // setting existed, and the engine sends Model Studio an explicit false.
                .watermark(parameters.watermark() ? Boolean.TRUE : null);
        List<String> shown = new ArrayList<>();
        List<Copy> copies = new ArrayList<>();
        int fileEntry = 0;
        for (String entry : parameters.images()) {
            if (ImageEntries.isUrl(entry)) {
                request.image(entry);
                shown.add(null);
                continue;
            }
            for (ImageScan.WorkspaceImage image : workspaceImages) {
                if (image.entryIndex() == fileEntry) {
                    Path to = staging.image(shown.size(), image.format().extension());
                    request.image(new LocalImage(to, image.facts()));
                    shown.add(image.shown());
                    copies.add(new Copy(image, to));
                }
            }
            fileEntry++;
        }
        return new Draft(request.build(), shown, copies);
    }

    /**
     * Streams the checked workspace images to the staging folder, hashing the bytes as they arrive:
     * a file that changed since the agent read it is refused rather than sent as something else.
     */
    private static void stage(FilePath workspace, List<Copy> copies, BuildLog log)
            throws IOException, InterruptedException {
        List<Violation> changed = new ArrayList<>();
        for (Copy copy : copies) {
            ImageScan.WorkspaceImage image = copy.image();
            log.staging(image.relativePath(), image.size());
            MessageDigest sha = sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(copy.to()), sha)) {
                workspace.child(image.relativePath()).copyTo(out);
            }
            if (!HexFormat.of().formatHex(sha.digest()).equals(image.sha256())) {
                changed.add(new Violation(
                        "images",
                        image.shown(),
                        IMAGES_ALLOWED,
                        "the file changed while it was copied to the controller; render again once it is stable"));
            }
        }
        if (!changed.isEmpty()) {
            throw new InvalidRequestException(changed);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}

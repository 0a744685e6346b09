package io.jenkins.plugins.happyhorse.render;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.action.RenderAction;
import io.jenkins.plugins.happyhorse.client.engine.RenderResult;
import io.jenkins.plugins.happyhorse.workspace.OutputLocation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.BuildListenerAdapter;

/**
 * Puts a verified clip, paid for, where the user asked, without ever losing it:
 *
 * <ol>
 *   <li>it is archived first, from the controller, when {@code archive} is on or there is no
 *       workspace (that needs no agent);
 *   <li>then it is written to the workspace, looked up again now (the agent may have reconnected,
 *       or gone, while the host rendered);
 *   <li>when that fails and the clip was not archived, it is archived after all;
 *   <li>when it could be neither archived nor written, it stays in the render's folder on the
 *       controller, and the failure says where.
 * </ol>
 *
 * A clip that reached the artifacts or the workspace is delivered; if the other half failed, the
 * failure says where the clip is. Blocking.
 */
final class OutputDelivery {
    private static final Logger LOGGER = Logger.getLogger(OutputDelivery.class.getName());

    private final Run<?, ?> run;
    private final TaskListener listener;
    private final BuildLog log;

    OutputDelivery(Run<?, ?> run, TaskListener listener, BuildLog log) {
        this.run = run;
        this.listener = listener;
        this.log = log;
    }

    /**
     * Where the clip ended up, and what went wrong on the way.
     *
     * @param workspacePath its path relative to the workspace, or null when not written there
     * @param artifactPath its artifact path, or null when not archived
     * @param problem why a part of the delivery failed, or null when all went well
     */
    record Delivered(
            @CheckForNull String workspacePath, @CheckForNull String artifactPath, @CheckForNull String problem) {

        /** Whether the clip is somewhere the user can reach: the artifacts or the workspace. */
        boolean reachable() {
            return workspacePath != null || artifactPath != null;
        }
    }

    /**
     * Delivers the verified clip of {@code result} from the render's staging folder, records it on
     * the build page and says it is done; the step's outcome. Fails, after recording what was
     * delivered, when a part of the delivery failed, saying where the clip is; a clip that could be
     * neither archived nor written to the workspace is kept in the staging folder.
     */
    RenderOutcome handOver(
            RenderResult result,
            RenderParameters parameters,
            String output,
            StagingArea staging,
            WorkspaceAccess workspace,
            boolean inWorkspace)
            throws IOException, InterruptedException {
        Delivered delivered = deliver(staging.clip(), workspace, inWorkspace, output, parameters.archive());
        if (!delivered.reachable()) {
            staging.keepClip();
            throw new AbortException(
                    delivered.problem() + " " + Messages.RenderSession_ClipKept(staging.clip(), result.predictionId()));
        }
        RenderAction.of(run).add(RenderOutcome.record(result, parameters.prompt(), delivered));
        log.done(result);
        if (delivered.problem() != null) {
            throw new AbortException(delivered.problem());
        }
        return RenderOutcome.of(result, delivered);
    }

    /**
     * Delivers {@code clip}.
     *
     * @param hadWorkspace whether the step ran with a workspace (inside {@code node {}})
     * @param output the clip's path relative to the workspace, and among the artifacts
     */
    Delivered deliver(Path clip, WorkspaceAccess workspace, boolean hadWorkspace, String output, boolean archive)
            throws InterruptedException {
        String artifactPath = null;
        String problem = null;
        if (archive || !hadWorkspace) {
            if (!archive) {
                log.say(Messages.OutputDelivery_ArchivedAnyway());
            }
            artifactPath = archive(clip, output);
            if (artifactPath == null) {
                problem = Messages.OutputDelivery_NotArchived();
            }
        }
        String workspacePath = null;
        if (hadWorkspace) {
            try {
                workspacePath = write(clip, workspace, output);
            } catch (IOException e) {
                LOGGER.log(Level.FINE, "Could not write the clip to the workspace", e);
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (artifactPath == null && problem == null) {
                    // Not archived (archive is off): archive it after all rather than lose it.
                    log.say(Messages.OutputDelivery_ArchivingInstead(reason));
                    artifactPath = archive(clip, output);
                }
                problem = artifactPath != null
                        ? Messages.OutputDelivery_WorkspaceFailed(output, reason, artifactPath)
                        : Messages.OutputDelivery_NotArchived() + " " + Messages.OutputDelivery_NotWritten(reason);
            }
        }
        return new Delivered(workspacePath, artifactPath, problem);
    }

    /** Archives the clip; its artifact path, or null when the artifact manager failed (logged). */
    private @CheckForNull String archive(Path clip, String output) throws InterruptedException {
        Path folder = clip.getParent();
        Path name = clip.getFileName();
        if (folder == null || name == null) {
            return null;
        }
        try {
            run.pickArtifactManager()
                    .archive(
                            new FilePath(folder.toFile()),
                            new Launcher.LocalLauncher(listener),
                            new BuildListenerAdapter(listener),
                            Map.of(output, name.toString()));
            log.say(Messages.OutputDelivery_Archived(output));
            return output;
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not archive the clip of " + run, e);
            log.say(Messages.OutputDelivery_ArchiveFailed(output, String.valueOf(e.getMessage())));
            return null;
        }
    }

    /** Writes the clip to the workspace as it is now; its path there. */
    private String write(Path clip, WorkspaceAccess workspace, String output) throws IOException, InterruptedException {
        FilePath now = workspace.current();
        if (now == null) {
            throw new IOException(Messages.OutputDelivery_AgentGone());
        }
        now.act(new OutputLocation(output));
        new FilePath(clip.toFile()).copyTo(now.child(output));
        log.say(Messages.OutputDelivery_Written(output));
        return output;
    }
}

package io.jenkins.plugins.happyhorse.workspace;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.happyhorse.Messages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import jenkins.util.BuildListenerAdapter;

/**
 * Puts a verified clip where the user asked: streams it from the controller into the workspace
 * (when there is one) and archives it with the build's artifact manager. Without a workspace the
 * clip is always archived, since there is nowhere else to keep it. Blocking.
 */
public final class OutputDelivery {

    private OutputDelivery() {}

    /**
     * Delivers {@code clip}.
     *
     * @param clip the downloaded, verified clip on the controller
     * @param workspace the workspace, or null when there is none (outside {@code node {}}, or its
     *     agent is gone)
     * @param output the clip's path relative to the workspace (and among the artifacts)
     * @param archive whether to archive it (forced when there is no workspace)
     */
    public static Delivered deliver(
            Path clip,
            @CheckForNull FilePath workspace,
            String output,
            boolean archive,
            Run<?, ?> run,
            TaskListener listener)
            throws IOException, InterruptedException {
        String workspacePath = null;
        if (workspace != null) {
            workspacePath = workspace.act(new OutputLocation(output));
            new FilePath(clip.toFile()).copyTo(workspace.child(output));
            listener.getLogger().println(Messages.OutputDelivery_Written(output));
        }
        String artifactPath = null;
        if (archive || workspace == null) {
            if (!archive) {
                listener.getLogger().println(Messages.OutputDelivery_ArchivedAnyway());
            }
            FilePath folder = new FilePath(clip.getParent().toFile());
            run.pickArtifactManager()
                    .archive(
                            folder,
                            new Launcher.LocalLauncher(listener),
                            new BuildListenerAdapter(listener),
                            Map.of(output, clip.getFileName().toString()));
            artifactPath = output;
            listener.getLogger().println(Messages.OutputDelivery_Archived(output));
        }
        return new Delivered(workspacePath == null ? null : output, artifactPath);
    }

    /**
     * Where the clip ended up.
     *
     * @param workspacePath its path relative to the workspace, or null when not written there
     * @param artifactPath its artifact path, or null when not archived
     */
    public record Delivered(@CheckForNull String workspacePath, @CheckForNull String artifactPath) {}
}

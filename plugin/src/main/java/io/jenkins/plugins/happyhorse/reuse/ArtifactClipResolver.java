package io.jenkins.plugins.happyhorse.reuse;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Job;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.happyhorse.client.reuse.ClipResolver;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import jenkins.model.Jenkins;
import jenkins.util.VirtualFile;

/**
 * Opens a stored clip by its {@link ArtifactLocator}: through the build's artifact manager (so it
 * works wherever the artifacts are kept, not only in the build's folder), or, while the build has
 * not archived it yet, from the build's own folder. {@code file:} locators (a render store shared
 * with the command line) are files. A job or build that no longer exists is a missing clip: the
 * render store then uses its own copy, or the render is paid for.
 *
 * <p>The render store is the controller's: the lookup is the system's, not the user's, so a job
 * the current user may not read can still be found (what is reused is a clip of exactly the same
 * inputs, which that user already has).
 */
public final class ArtifactClipResolver implements ClipResolver {

    @Override
    public InputStream open(String locator) throws IOException {
        ArtifactLocator where = ArtifactLocator.parse(locator).orElse(null);
        if (where == null) {
            return ClipResolver.files().open(locator);
        }
        Run<?, ?> run = build(where);
        if (run == null) {
            throw new NoSuchFileException(where.build(), null, "the build no longer exists");
        }
        VirtualFile artifact = run.getArtifactManager().root().child(where.artifactPath());
        if (artifact.isFile()) {
            return artifact.open();
        }
        Path staged = staged(run, where);
        if (staged != null && Files.isRegularFile(staged)) {
            return Files.newInputStream(staged);
        }
        throw new FileNotFoundException(
                "the artifact " + where.artifactPath() + " of " + where.build() + " no longer exists");
    }

    /** The build a locator names, if it still exists (looked up as the system). */
    public static @CheckForNull Run<?, ?> build(ArtifactLocator where) {
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            Jenkins jenkins = Jenkins.getInstanceOrNull();
            Job<?, ?> job = jenkins == null ? null : jenkins.getItemByFullName(where.job(), Job.class);
            return job == null ? null : job.getBuildByNumber(where.number());
        }
    }

    /** The staged clip, kept inside the build's folder whatever the locator says. */
    private static @CheckForNull Path staged(Run<?, ?> run, ArtifactLocator where) {
        if (where.staged() == null) {
            return null;
        }
        Path root = run.getRootDir().toPath().toAbsolutePath().normalize();
        Path file = root.resolve(where.staged()).normalize();
        return file.startsWith(root) ? file : null;
    }
}

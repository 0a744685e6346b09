package io.jenkins.plugins.happyhorse.reuse;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a paid clip is kept in Jenkins: the archived artifact {@code artifactPath} of build {@code
 * number} of the job {@code job} (its full name). Until the build has archived it, the clip lies in
 * the build's own folder at {@code staged}, which is read instead while it is there; a render that
 * asks for the same clip in that moment so still finds it.
 *
 * <p>As text, {@code jenkins-artifact:JOB/NUMBER/PATH[?staged=FILE]}, each part URL-encoded: this
 * is what the render store records and {@link ArtifactClipResolver} opens.
 *
 * @param job the job's full name, e.g. {@code folder/nightly}
 * @param number the build's number
 * @param artifactPath the clip's path among the build's artifacts
 * @param staged the clip's path relative to the build's folder before it is archived, or null
 */
public record ArtifactLocator(String job, int number, String artifactPath, @CheckForNull String staged) {
    static final String SCHEME = "jenkins-artifact:";
    private static final String STAGED = "?staged=";

    public ArtifactLocator {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(artifactPath, "artifactPath");
    }

    /** The locator as text. */
    public String format() {
        String text = SCHEME + encode(job) + "/" + number + "/" + encode(artifactPath);
        return staged == null ? text : text + STAGED + encode(staged);
    }

    /** The build, as a user reads it: {@code folder/nightly #12}. */
    public String build() {
        return job + " #" + number;
    }

    /** The locator {@code text} is, or empty when it is not one of these (a {@code file:} locator). */
    public static Optional<ArtifactLocator> parse(@CheckForNull String text) {
        if (text == null || !text.startsWith(SCHEME)) {
            return Optional.empty();
        }
        String rest = text.substring(SCHEME.length());
        String staged = null;
        int query = rest.indexOf(STAGED);
        if (query >= 0) {
            staged = decode(rest.substring(query + STAGED.length()));
            rest = rest.substring(0, query);
        }
        String[] parts = rest.split("/", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new ArtifactLocator(decode(parts[0]), Integer.parseInt(parts[1]), decode(parts[2]), staged));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}

package io.jenkins.plugins.happyhorse.render;

import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A render ready to be checked by the engine and sent: the clip, parsed once (its workspace images
 * read where they live and copied to the controller), the credential holding the key, where the
 * clip goes and how long it may take. Lives only in memory, for the moments before the engine
 * takes over; the key itself is looked up separately, at the last moment.
 *
 * @param spec the clip (its local images are the copies in the render's staging folder)
 * @param credentialsId the Secret Text credential holding the key
 * @param output the clip's path relative to the workspace
 * @param timeoutMinutes how long the whole render may take
 * @param shownImages each of the spec's images as the user knows it (a workspace path, or a glob
 *     and the file it matched), to name it in a problem the engine finds; null for a URL, which the
 *     engine names itself
 */
public record PreparedRender(
        ClipSpec spec, String credentialsId, String output, int timeoutMinutes, List<String> shownImages) {

    public PreparedRender {
        // Not List.copyOf: a URL's entry is null (the engine's own, password-masked text is shown).
        shownImages = Collections.unmodifiableList(new ArrayList<>(shownImages));
    }

    /**
     * {@code problems} as the user would say them: a problem with the engine's {@code images[i]}
     * names that image as the user gave it.
     */
    List<Violation> inUserTerms(List<Violation> problems) {
        return ImageNames.rename(problems, shownImages);
    }

    /** Renames the engine's {@code images[i]} problems after the entries the user typed. */
    static final class ImageNames {
        private ImageNames() {}

        /**
         * @param shown for each image of the draft, the name to show, or null to keep the
         *     problem's own value (a URL is shown as the engine shows it, passwords masked)
         */
        static List<Violation> rename(List<Violation> problems, List<String> shown) {
            List<Violation> out = new ArrayList<>();
            for (Violation v : problems) {
                int index = index(v.field());
                if (index < 0) {
                    out.add(v);
                    continue;
                }
                String name = index < shown.size() ? shown.get(index) : null;
                out.add(new Violation("images", name != null ? name : v.value(), v.allowed(), v.reason()));
            }
            return out;
        }

        /** {@code i} for a field {@code images[i]}, else -1. */
        private static int index(String field) {
            if (!field.startsWith("images[") || !field.endsWith("]")) {
                return -1;
            }
            try {
                return Integer.parseInt(field.substring("images[".length(), field.length() - 1));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}

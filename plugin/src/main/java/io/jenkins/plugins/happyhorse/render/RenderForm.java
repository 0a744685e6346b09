package io.jenkins.plugins.happyhorse.render;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.spec.AspectRatio;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import io.jenkins.plugins.happyhorse.workspace.OutputPaths;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import jenkins.model.Jenkins;

/**
 * The form logic shared by the Pipeline step's and the freestyle build step's descriptors (and
 * the global configuration): drop-down items and field checks. The descriptors keep their own
 * {@code @POST} web methods, which ask {@link #mayConfigure(Item)} and then call these.
 */
public final class RenderForm {

    private RenderForm() {}

    /**
     * Whether the current user may use the job forms' drop-downs and checks: configure {@code
     * item}, or, without an item (the Snippet Generator at {@code /pipeline-syntax}), configure
     * jobs at all. Anyone else gets an empty list or no message rather than an error page: these
     * lists and checks reveal nothing, the permission only keeps the end points from serving
     * people who cannot use the form. Credentials are listed by {@code CredentialsItems}, which
     * asks for more.
     */
    public static boolean mayConfigure(@CheckForNull Item item) {
        return item == null ? Jenkins.get().hasPermission(Item.CONFIGURE) : item.hasPermission(Item.CONFIGURE);
    }

    /** The hosts, with an empty first entry for the global default. */
    public static ListBoxModel providerItems() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.RenderForm_Default(), "");
        for (ProviderId provider : ProviderId.values()) {
            items.add(provider.displayName(), provider.id());
        }
        return items;
    }

    /** The resolutions, with an empty first entry for the default (720p). */
    public static ListBoxModel resolutionItems() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.RenderForm_Default(), "");
        for (Resolution resolution : Resolution.values()) {
            items.add(resolution.wire(), resolution.wire());
        }
        return items;
    }

    /** The aspect ratios, with an empty first entry for the default (16:9). */
    public static ListBoxModel aspectRatioItems() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.RenderForm_Default(), "");
        for (AspectRatio ratio : AspectRatio.values()) {
            items.add(ratio.wire(), ratio.wire());
        }
        return items;
    }

    /** The image entries typed one per line: 1 to 9, each a workspace path, glob or https URL. */
    public static FormValidation checkImages(@CheckForNull String value) {
        List<String> entries = ImageEntries.split(value);
        if (entries.isEmpty()) {
            return FormValidation.error(Messages.RenderForm_ImagesRequired());
        }
        if (entries.size() > ClipSpec.MAX_IMAGES) {
            return FormValidation.error(Messages.RenderForm_TooManyImages(entries.size()));
        }
        for (String entry : entries) {
            if (ImageEntries.isUrl(entry) && !entry.toLowerCase(Locale.ROOT).startsWith("https://")) {
                return FormValidation.error(Messages.RenderForm_HttpsOnly(entry));
            }
        }
        return FormValidation.ok();
    }

    public static FormValidation checkPrompt(@CheckForNull String value) {
        if (value == null || value.isBlank()) {
            return FormValidation.error(Messages.RenderForm_PromptRequired());
        }
        int length = value.codePointCount(0, value.length());
        if (length > ClipSpec.MAX_PROMPT_LENGTH) {
            return FormValidation.error(Messages.RenderForm_PromptTooLong(length));
        }
        return FormValidation.ok();
    }

    public static FormValidation checkDuration(@CheckForNull String value) {
        return checkIntegerRange(value, ClipSpec.MIN_DURATION, ClipSpec.MAX_DURATION);
    }

    public static FormValidation checkSeed(@CheckForNull String value) {
        return checkIntegerRange(value, 0, Integer.MAX_VALUE);
    }

    /** Blank, or a whole number of at least 1 (blank refused when {@code required}). */
    public static FormValidation checkPositiveInteger(@CheckForNull String value, boolean required) {
        if (Util.fixEmptyAndTrim(value) == null) {
            return required ? FormValidation.error(Messages.RenderForm_Required()) : FormValidation.ok();
        }
        return checkIntegerRange(value, 1, Integer.MAX_VALUE);
    }

    public static FormValidation checkMaxCost(@CheckForNull String value) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok();
        }
        try {
            double usd = Double.parseDouble(text);
            if (usd >= 0 && !Double.isInfinite(usd)) {
                return FormValidation.ok();
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        return FormValidation.error(Messages.RenderForm_NotAnAmount(text));
    }

    public static FormValidation checkOutput(@CheckForNull String value) {
        String output = OutputPaths.normalize(value);
        if (output == null) {
            return FormValidation.ok();
        }
        return OutputPaths.problem(output)
                .map(problem -> FormValidation.error(Messages.RenderForm_BadOutput(problem, OutputPaths.ALLOWED)))
                .orElseGet(FormValidation::ok);
    }

    /**
     * Blank (the host's documented URL), or a URL the engine accepts for {@code provider}: https,
     * or plain http to this machine (a local simulator), without user, query or fragment.
     */
    public static FormValidation checkBaseUrl(ProviderId provider, @CheckForNull String value) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok();
        }
        try {
            URI uri = RenderEngine.checkBaseUrl(provider, new URI(text));
            return "http".equalsIgnoreCase(uri.getScheme())
                    ? FormValidation.warning(Messages.RenderForm_PlainHttp())
                    : FormValidation.ok();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return FormValidation.error(Messages.RenderForm_BadUrl(text));
        }
    }

    private static FormValidation checkIntegerRange(@CheckForNull String value, int min, int max) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok();
        }
        try {
            long number = Long.parseLong(text);
            if (number >= min && number <= max) {
                return FormValidation.ok();
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        return FormValidation.error(Messages.RenderForm_OutOfRange(text, min, max));
    }
}

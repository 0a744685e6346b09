package io.jenkins.plugins.happyhorse.form;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.reuse.ReusePolicy;
import io.jenkins.plugins.happyhorse.client.spec.AspectRatio;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import io.jenkins.plugins.happyhorse.workspace.ImageEntries;
import io.jenkins.plugins.happyhorse.workspace.OutputPaths;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The form logic of a render, shared by the Pipeline step's form (which the freestyle build step
 * shows too) and the global configuration: drop-down items and field checks. The descriptors' own
 * {@code @POST} web methods ask {@link FormAccess} who is asking, then call these.
 */
public final class RenderForm {

    private RenderForm() {}

    /**
     * Items of a drop-down: an empty first entry for the default, then {@code choices}; for someone
     * who may not read the configuration only the value {@code current} (so that a read-only view
     * still shows it), or the default when it is blank.
     */
    public static ListBoxModel items(boolean full, @CheckForNull String current, List<Choice> choices) {
        ListBoxModel items = new ListBoxModel();
        String value = Util.fixEmptyAndTrim(current);
        if (full || value == null) {
            items.add(Messages.RenderForm_Default(), "");
        }
        for (Choice choice : choices) {
            if (full || choice.value().equals(value)) {
                items.add(choice.label(), choice.value());
            }
        }
        if (!full && value != null && items.isEmpty()) {
            items.add(value, value);
        }
        return items;
    }

    /** The hosts, every one the engine knows: display name and id. */
    public static List<Choice> providers() {
        return Arrays.stream(ProviderId.values())
                .map(p -> new Choice(p.displayName(), p.id()))
                .toList();
    }

    /** The resolutions (default 720p). */
    public static List<Choice> resolutions() {
        return Arrays.stream(Resolution.values())
                .map(r -> new Choice(r.wire(), r.wire()))
                .toList();
    }

    /** The aspect ratios (default 16:9). */
    public static List<Choice> aspectRatios() {
        return Arrays.stream(AspectRatio.values())
                .map(r -> new Choice(r.wire(), r.wire()))
                .toList();
    }

    /** When to reuse an identical clip (default auto). */
    public static List<Choice> reusePolicies() {
        return Arrays.stream(ReusePolicy.values())
                .map(p -> new Choice(p.word(), p.word()))
                .toList();
    }

    /**
     * One entry of a drop-down.
     *
     * @param label what the user reads
     * @param value what the form sends
     */
    public record Choice(String label, String value) {}

    /** What a prediction id to collect may look like: the ids the hosts give, never a path. */
    public static final Pattern PREDICTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    /** What {@link #PREDICTION_ID} allows, for messages. */
    public static final String PREDICTION_ID_ALLOWED =
            "the id a host gave a submitted job: letters, digits, '.', '_', ':' or '-', at most 128";

    /**
     * The image entries typed one per line: 1 to 9, each a workspace path, glob or https URL; none
     * when a clip is collected by its prediction id.
     */
    public static FormValidation checkImages(@CheckForNull String value, @CheckForNull String predictionId) {
        List<String> entries = ImageEntries.split(value);
        if (entries.isEmpty()) {
            return collects(predictionId)
                    ? FormValidation.ok()
                    : FormValidation.error(Messages.RenderForm_ImagesRequired());
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

    /** The prompt: required unless a clip is collected by its prediction id. */
    public static FormValidation checkPrompt(@CheckForNull String value, @CheckForNull String predictionId) {
        if (value == null || value.isBlank()) {
            return collects(predictionId)
                    ? FormValidation.ok()
                    : FormValidation.error(Messages.RenderForm_PromptRequired());
        }
        int length = value.codePointCount(0, value.length());
        if (length > ClipSpec.MAX_PROMPT_LENGTH) {
            return FormValidation.error(Messages.RenderForm_PromptTooLong(length));
        }
        return FormValidation.ok();
    }

    /** Blank (render a new clip), or the id of a job submitted earlier. */
    public static FormValidation checkPredictionId(@CheckForNull String value) {
        String id = Util.fixEmptyAndTrim(value);
        if (id == null || PREDICTION_ID.matcher(id).matches()) {
            return FormValidation.ok();
        }
        return FormValidation.error(Messages.RenderForm_BadPredictionId(id, PREDICTION_ID_ALLOWED));
    }

    private static boolean collects(@CheckForNull String predictionId) {
        return Util.fixEmptyAndTrim(predictionId) != null;
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

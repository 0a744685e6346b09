package io.jenkins.plugins.happyhorse.pipeline;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.form.CredentialsItems;
import io.jenkins.plugins.happyhorse.form.FormAccess;
import io.jenkins.plugins.happyhorse.form.RenderForm;
import io.jenkins.plugins.happyhorse.render.RenderParameters;
import io.jenkins.plugins.happyhorse.workspace.ImageEntries;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The {@code happyHorseRender} Pipeline step: renders a clip from reference images and a prompt,
 * puts the MP4 in the workspace, archives it, shows it on the build page and returns a map of
 * what happened (output and artifact paths, provider, prediction id, seed, cost, duration,
 * resolution, aspect ratio, the host's output URL). With {@code predictionId} it collects the clip
 * of a job submitted (and paid for) earlier instead, submitting nothing.
 *
 * <p>It holds no executor and no thread while the host works (see {@link RenderStepExecution}),
 * so it may run outside {@code node {}} when its images are URLs.
 *
 * <p>Its properties are the one list of a render's settings: the freestyle build step holds one of
 * these steps as its settings rather than a copy of them, so a new setting is one property here
 * (with its help file and form entry) and both steps have it.
 */
public final class HappyHorseRenderStep extends Step {

    private List<String> images = new ArrayList<>();
    private String prompt;
    private String resolution;
    private String aspectRatio;
    // Doubles, not Integers: Jenkins would narrow 5.5 to 5 and 2^32 + 42 to 42 when binding an
    // Integer, before the checks could see them. The render refuses what is not whole.
    private Double duration;
    private Double seed;
    private String provider;
    private String credentialsId;
    private String output;
    private boolean archive = true;
    private Double maxCost;
    private Double timeout;
    private boolean dryRun;
    private String predictionId;
    private boolean watermark;
    private String model;
    private String reuse;

    /**
     * Every setting is optional in the syntax: a render needs {@code images} and {@code prompt},
     * collecting a clip by its {@code predictionId} needs neither, and what is missing is reported
     * with every other problem when the step runs.
     */
    @DataBoundConstructor
    public HappyHorseRenderStep() {}

    /** A render of {@code images} and {@code prompt}, the other settings at their defaults. */
    public HappyHorseRenderStep(List<String> images, String prompt) {
        setImages(images);
        setPrompt(prompt);
    }

    /**
     * The entries, or null when there are none (a clip collected by its prediction id): then the
     * form's text area shows nothing rather than an empty list, and a snippet leaves them out.
     */
    public @CheckForNull List<String> getImages() {
        return images.isEmpty() ? null : List.copyOf(images);
    }

    /**
     * Workspace paths, Ant-style globs or https URLs (1 to 9 images once globs are expanded): a
     * list, or a single string, which is one entry (or one per line, as the form's text area sends
     * them). An entry holding line breaks counts as one entry per line.
     *
     * <p>Typed {@code Object} so that a Pipeline may write {@code images: 'a.png'} as a user would
     * expect, in Declarative too (its validator checks a value against the parameter's type).
     *
     * @throws IllegalArgumentException for anything but a string or a list of strings
     */
    @DataBoundSetter
    public void setImages(Object images) {
        this.images = new ArrayList<>(ImageEntries.of(images));
    }

    /** The images one per line, for the configuration form. */
    public @CheckForNull String getImagesText() {
        return ImageEntries.join(images);
    }

    public @CheckForNull String getPrompt() {
        return prompt;
    }

    /** What the clip should show. */
    @DataBoundSetter
    public void setPrompt(String prompt) {
        this.prompt = Util.fixEmpty(prompt);
    }

    public @CheckForNull String getResolution() {
        return resolution;
    }

    @DataBoundSetter
    public void setResolution(String resolution) {
        this.resolution = Util.fixEmptyAndTrim(resolution);
    }

    public @CheckForNull String getAspectRatio() {
        return aspectRatio;
    }

    @DataBoundSetter
    public void setAspectRatio(String aspectRatio) {
        this.aspectRatio = Util.fixEmptyAndTrim(aspectRatio);
    }

    /** The duration as given: a whole number reads {@code 8}, not {@code 8.0} (form, snippets). */
    public @CheckForNull Number getDuration() {
        return RenderParameters.plain(duration);
    }

    /** Seconds of clip; any number, so that one that is not whole is refused rather than narrowed. */
    @DataBoundSetter
    public void setDuration(Double duration) {
        this.duration = duration;
    }

    /** The seed as given: a whole number reads {@code 42}, not {@code 42.0} (form, snippets). */
    public @CheckForNull Number getSeed() {
        return RenderParameters.plain(seed);
    }

    /** The seed; any number, so that one out of range or not whole is refused rather than narrowed. */
    @DataBoundSetter
    public void setSeed(Double seed) {
        this.seed = seed;
    }

    public @CheckForNull String getProvider() {
        return provider;
    }

    @DataBoundSetter
    public void setProvider(String provider) {
        this.provider = Util.fixEmptyAndTrim(provider);
    }

    public @CheckForNull String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public @CheckForNull String getOutput() {
        return output;
    }

    @DataBoundSetter
    public void setOutput(String output) {
        this.output = Util.fixEmptyAndTrim(output);
    }

    public boolean isArchive() {
        return archive;
    }

    @DataBoundSetter
    public void setArchive(boolean archive) {
        this.archive = archive;
    }

    public @CheckForNull Double getMaxCost() {
        return maxCost;
    }

    @DataBoundSetter
    public void setMaxCost(Double maxCost) {
        this.maxCost = maxCost;
    }

    /** The timeout as given: a whole number reads {@code 20}, not {@code 20.0} (form, snippets). */
    public @CheckForNull Number getTimeout() {
        return RenderParameters.plain(timeout);
    }

    /** Minutes; any number, so that 5.5 is refused rather than narrowed to 5. */
    @DataBoundSetter
    public void setTimeout(Double timeout) {
        this.timeout = timeout;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public @CheckForNull String getPredictionId() {
        return predictionId;
    }

    /** The id of a job submitted earlier whose clip to collect, without submitting (or paying) again. */
    @DataBoundSetter
    public void setPredictionId(String predictionId) {
        this.predictionId = Util.fixEmptyAndTrim(predictionId);
    }

    public boolean isWatermark() {
        return watermark;
    }

    /** Asks the host to draw its mark on the clip; only Model Studio can, the others refuse it. */
    @DataBoundSetter
    public void setWatermark(boolean watermark) {
        this.watermark = watermark;
    }

    public @CheckForNull String getModel() {
        return model;
    }

    /** The host's model id; null for the host's HappyHorse reference-to-video model. */
    @DataBoundSetter
    public void setModel(String model) {
        this.model = Util.fixEmptyAndTrim(model);
    }

    public @CheckForNull String getReuse() {
        return reuse;
    }

    /**
     * When to reuse an identical clip paid for before instead of paying again: {@code auto} (the
     * default: only when a seed is given), {@code always} or {@code never}.
     */
    @DataBoundSetter
    public void setReuse(String reuse) {
        this.reuse = Util.fixEmptyAndTrim(reuse);
    }

    /** This step's values, detached from the step. */
    public RenderParameters toParameters() {
        return RenderParameters.builder()
                .images(images)
                .prompt(prompt)
                .resolution(resolution)
                .aspectRatio(aspectRatio)
                .duration(duration)
                .seed(seed)
                .provider(provider)
                .credentialsId(credentialsId)
                .output(output)
                .archive(archive)
                .maxCost(maxCost)
                .timeout(timeout)
                .dryRun(dryRun)
                .predictionId(predictionId)
                .watermark(watermark)
                .model(model)
                .reuse(reuse)
                .build();
    }

    /** Read from XML (the freestyle build step's settings): the same clean-up as the setters. */
    protected Object readResolve() {
        setImages(images);
        return this;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new RenderStepExecution(context, toParameters());
    }

    /** Registers the step as {@code happyHorseRender} and serves its form, the freestyle one too. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "happyHorseRender";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.HappyHorseRenderStep_DisplayName();
        }

        /**
         * Only the build and its log: the step also runs outside {@code node {}} (no workspace,
         * no executor) when its images are URLs; it uses a workspace when there is one.
         */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsItems.forItem(item, credentialsId);
        }

        @POST
        public ListBoxModel doFillProviderItems(@AncestorInPath Item item, @QueryParameter String provider) {
            return RenderForm.items(FormAccess.mayReadConfiguration(item), provider, RenderForm.providers());
        }

        @POST
        public ListBoxModel doFillResolutionItems(@AncestorInPath Item item, @QueryParameter String resolution) {
            return RenderForm.items(FormAccess.mayReadConfiguration(item), resolution, RenderForm.resolutions());
        }

        @POST
        public ListBoxModel doFillAspectRatioItems(@AncestorInPath Item item, @QueryParameter String aspectRatio) {
            return RenderForm.items(FormAccess.mayReadConfiguration(item), aspectRatio, RenderForm.aspectRatios());
        }

        @POST
        public FormValidation doCheckImages(
                @AncestorInPath Item item, @QueryParameter String value, @QueryParameter String predictionId) {
            return FormAccess.mayConfigure(item) ? RenderForm.checkImages(value, predictionId) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckPrompt(
                @AncestorInPath Item item, @QueryParameter String value, @QueryParameter String predictionId) {
            return FormAccess.mayConfigure(item) ? RenderForm.checkPrompt(value, predictionId) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckDuration(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.mayConfigure(item) ? RenderForm.checkDuration(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckSeed(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.mayConfigure(item) ? RenderForm.checkSeed(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckOutput(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.mayConfigure(item) ? RenderForm.checkOutput(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckMaxCost(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.mayConfigure(item) ? RenderForm.checkMaxCost(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.mayConfigure(item) ? RenderForm.checkPositiveInteger(value, false) : FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillReuseItems(@AncestorInPath Item item, @QueryParameter String reuse) {
            return RenderForm.items(FormAccess.mayReadConfiguration(item), reuse, RenderForm.reusePolicies());
        }

        @POST
        public FormValidation doCheckPredictionId(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.mayConfigure(item) ? RenderForm.checkPredictionId(value) : FormValidation.ok();
        }
    }
}

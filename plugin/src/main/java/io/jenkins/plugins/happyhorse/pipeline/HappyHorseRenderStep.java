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
import io.jenkins.plugins.happyhorse.credentials.CredentialsItems;
import io.jenkins.plugins.happyhorse.render.ImageEntries;
import io.jenkins.plugins.happyhorse.render.RenderForm;
import io.jenkins.plugins.happyhorse.render.RenderParameters;
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
 * resolution, aspect ratio, the host's output URL).
 *
 * <p>It holds no executor and no thread while the host works (see {@link RenderStepExecution}),
 * so it may run outside {@code node {}} when its images are URLs. Only this step's plain values
 * are kept; the step object itself is not saved with the Pipeline's state.
 */
public final class HappyHorseRenderStep extends Step {

    private final List<String> images;
    private final String prompt;
    private String resolution;
    private String aspectRatio;
    // Doubles, not Integers: Jenkins would narrow 5.5 to 5 and 2^32 + 42 to 42 when binding an
    // Integer, before the checks could see them. RenderPreparation refuses what is not whole.
    private Double duration;
    private Double seed;
    private String provider;
    private String credentialsId;
    private String output;
    private boolean archive = true;
    private Double maxCost;
    private Integer timeout;
    private boolean dryRun;

    /**
     * @param images workspace paths, Ant-style globs or https URLs (1 to 9 images once globs are
     *     expanded); an entry holding line breaks counts as one entry per line
     * @param prompt what the clip should show
     */
    @DataBoundConstructor
    public HappyHorseRenderStep(List<String> images, String prompt) {
        this.images = ImageEntries.normalize(images);
        this.prompt = Util.fixEmpty(prompt);
    }

    public List<String> getImages() {
        return List.copyOf(images);
    }

    /** The images one per line, for the configuration form. */
    public @CheckForNull String getImagesText() {
        return ImageEntries.join(images);
    }

    public String getPrompt() {
        return prompt;
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

    public @CheckForNull Integer getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(Integer timeout) {
        this.timeout = timeout;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
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
                .build();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new RenderStepExecution(context, toParameters());
    }

    /** Registers the step as {@code happyHorseRender} and serves its form. */
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
        public ListBoxModel doFillProviderItems(@AncestorInPath Item item) {
            return RenderForm.mayConfigure(item) ? RenderForm.providerItems() : new ListBoxModel();
        }

        @POST
        public ListBoxModel doFillResolutionItems(@AncestorInPath Item item) {
            return RenderForm.mayConfigure(item) ? RenderForm.resolutionItems() : new ListBoxModel();
        }

        @POST
        public ListBoxModel doFillAspectRatioItems(@AncestorInPath Item item) {
            return RenderForm.mayConfigure(item) ? RenderForm.aspectRatioItems() : new ListBoxModel();
        }

        @POST
        public FormValidation doCheckImages(@AncestorInPath Item item, @QueryParameter String value) {
            return RenderForm.mayConfigure(item) ? RenderForm.checkImages(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckPrompt(@AncestorInPath Item item, @QueryParameter String value) {
            return RenderForm.mayConfigure(item) ? RenderForm.checkPrompt(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckDuration(@AncestorInPath Item item, @QueryParameter String value) {
            return RenderForm.mayConfigure(item) ? RenderForm.checkDuration(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckSeed(@AncestorInPath Item item, @QueryParameter String value) {
            return RenderForm.mayConfigure(item) ? RenderForm.checkSeed(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckOutput(@AncestorInPath Item item, @QueryParameter String value) {
            return RenderForm.mayConfigure(item) ? RenderForm.checkOutput(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckMaxCost(@AncestorInPath Item item, @QueryParameter String value) {
            return RenderForm.mayConfigure(item) ? RenderForm.checkMaxCost(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return RenderForm.mayConfigure(item) ? RenderForm.checkPositiveInteger(value, false) : FormValidation.ok();
        }
    }
}

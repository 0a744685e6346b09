package io.jenkins.plugins.happyhorse.freestyle;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.credentials.CredentialsItems;
import io.jenkins.plugins.happyhorse.pipeline.HappyHorseRenderStep;
import io.jenkins.plugins.happyhorse.render.ImageEntries;
import io.jenkins.plugins.happyhorse.render.RenderForm;
import io.jenkins.plugins.happyhorse.render.RenderOutcome;
import io.jenkins.plugins.happyhorse.render.RenderParameters;
import io.jenkins.plugins.happyhorse.render.RenderSession;
import io.jenkins.plugins.happyhorse.render.ResumeStateStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import jenkins.model.Jenkins;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle build step "Render a video clip with HappyHorse": the same settings and the same core
 * ({@link RenderSession}) as the {@code happyHorseRender} Pipeline step. A freestyle build already
 * holds an executor, so this step waits on it for the render; the engine underneath still holds
 * no thread while the host works. Build variables ({@code ${BUILD_NUMBER}}…) are expanded in the
 * images, the prompt and the output path.
 */
public final class HappyHorseRenderBuilder extends Builder implements SimpleBuildStep {

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
    public HappyHorseRenderBuilder(List<String> images, String prompt) {
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

    /** This step's values with the build's variables expanded, detached from the step. */
    RenderParameters toParameters(EnvVars env) {
        List<String> expanded = new ArrayList<>();
        for (String image : images) {
            expanded.add(env.expand(image));
        }
        return RenderParameters.builder()
                .images(expanded)
                .prompt(prompt == null ? null : env.expand(prompt))
                .resolution(resolution)
                .aspectRatio(aspectRatio)
                .duration(duration)
                .seed(seed)
                .provider(provider)
                .credentialsId(credentialsId)
                .output(output == null ? null : env.expand(output))
                .archive(archive)
                .maxCost(maxCost)
                .timeout(timeout)
                .dryRun(dryRun)
                .build();
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    @Override
    public void perform(
            @NonNull Run<?, ?> run,
            @NonNull FilePath workspace,
            @NonNull EnvVars env,
            @NonNull Launcher launcher,
            @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        RenderSession session = new RenderSession(run, workspace, listener, ResumeStateStore.none());
        CompletableFuture<RenderOutcome> outcome = session.start(toParameters(env));
        try {
            RenderOutcome done = outcome.get();
            listener.getLogger().println(Messages.HappyHorseRenderBuilder_Result(done.toMap()));
        } catch (InterruptedException e) {
            // The build was aborted: stop waiting (the host may still finish a submitted job).
            listener.getLogger().println(session.cancel());
            throw e;
        } catch (ExecutionException e) {
            Throwable failure = RenderSession.forBuild(e);
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AbortException(String.valueOf(failure.getMessage()));
        }
    }

    /** Registers the build step, with the Pipeline step's help and the same form checks. */
    @Extension
    @Symbol("happyHorseRenderBuilder")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.HappyHorseRenderBuilder_DisplayName();
        }

        /**
         * Both steps have the same fields: the field help pages are written once, for the Pipeline
         * step, and served from there; this step has only its own overall help ({@code help.html}).
         */
        @Override
        public String getHelpFile(String fieldName) {
            String own = super.getHelpFile(fieldName);
            if (own != null) {
                return own;
            }
            return Jenkins.get()
                    .getDescriptorByType(HappyHorseRenderStep.DescriptorImpl.class)
                    .getHelpFile(fieldName);
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

package io.jenkins.plugins.happyhorse.freestyle;

import com.thoughtworks.xstream.converters.Converter;
import com.thoughtworks.xstream.converters.MarshallingContext;
import com.thoughtworks.xstream.converters.UnmarshallingContext;
import com.thoughtworks.xstream.io.HierarchicalStreamReader;
import com.thoughtworks.xstream.io.HierarchicalStreamWriter;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.BuildListener;
import hudson.model.Node;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Builder;
import hudson.util.RobustReflectionConverter;
import hudson.util.XStream2;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration;
import io.jenkins.plugins.happyhorse.engine.EngineAccess;
import io.jenkins.plugins.happyhorse.pipeline.HappyHorseRenderStep;
import io.jenkins.plugins.happyhorse.render.RenderContext;
import io.jenkins.plugins.happyhorse.render.RenderOutcome;
import io.jenkins.plugins.happyhorse.render.RenderSession;
import io.jenkins.plugins.happyhorse.render.ResumeStateStore;
import io.jenkins.plugins.happyhorse.render.StepFailures;
import io.jenkins.plugins.happyhorse.render.WorkspaceAccess;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The freestyle build step "Render a video clip with HappyHorse": the settings of the {@code
 * happyHorseRender} Pipeline step (it holds one as its settings, so both always have the same
 * fields, checks and help) and the same core ({@link RenderSession}). Build variables ({@code
 * ${BUILD_NUMBER}}…) are expanded in the images, the prompt and the output path.
 *
 * <p>A freestyle build holds its executor for the whole render, and a restart of the controller
 * aborts it; the log says both. It is deliberately not a {@link jenkins.tasks.SimpleBuildStep}: in
 * a Pipeline it would hold a thread and could not resume, where {@code happyHorseRender} holds
 * neither and survives restarts.
 *
 * <p>Its job XML lists the settings directly under its element, as it always has ({@link
 * ConverterImpl}).
 */
public final class HappyHorseRenderBuilder extends Builder {

    private final HappyHorseRenderStep render;

    /** @param render the render's settings, those of the Pipeline step */
    @DataBoundConstructor
    public HappyHorseRenderBuilder(HappyHorseRenderStep render) {
        this.render = render == null ? new HappyHorseRenderStep() : render;
    }

    public HappyHorseRenderStep getRender() {
        return render;
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    @Override
    public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
            throws InterruptedException, IOException {
        EnvVars env = build.getEnvironment(listener);
        env.overrideAll(build.getBuildVariables());
        RenderContext where = new RenderContext(
                build, listener, workspaceOf(build), RenderContext.Kind.FREESTYLE, ResumeStateStore.none());
        RenderSession session = new RenderSession(
                where, EngineAccess.controller(), HappyHorseConfiguration.get().renderDefaults());
        try {
            RenderOutcome done =
                    session.start(render.toParameters().expand(env::expand)).get();
            listener.getLogger().println(Messages.HappyHorseRenderBuilder_Result(done.toMap()));
            return true;
        } catch (InterruptedException e) {
            // The build was aborted: stop waiting (the host may still finish a submitted job).
            listener.getLogger().println(session.cancel());
            throw e;
        } catch (ExecutionException e) {
            Throwable failure = StepFailures.forBuild(e);
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AbortException(String.valueOf(failure.getMessage()));
        }
    }

    /**
     * The build's workspace, looked up on its node each time: the {@link FilePath} of the start is
     * useless once the agent reconnected during the render.
     */
    private static WorkspaceAccess workspaceOf(AbstractBuild<?, ?> build) {
        FilePath start = build.getWorkspace();
        if (start == null) {
            return WorkspaceAccess.none();
        }
        String remote = start.getRemote();
        return () -> {
            Node node = build.getBuiltOn();
            return node == null ? null : node.createPath(remote);
        };
    }

    /**
     * Reads and writes the build step as a job's XML has it: the render's settings as the element's
     * own children ({@code <images>}, {@code <prompt>}, …), not wrapped in an element of their own.
     * Found by Jenkins by its name, {@code HappyHorseRenderBuilder$ConverterImpl}.
     */
    public static final class ConverterImpl implements Converter {
        private final Converter settings;

        public ConverterImpl(XStream2 xstream) {
            this.settings = new RobustReflectionConverter(xstream.getMapper(), xstream.getReflectionProvider());
        }

        @Override
        public boolean canConvert(@CheckForNull Class type) {
            return type == HappyHorseRenderBuilder.class;
        }

        @Override
        public void marshal(Object source, HierarchicalStreamWriter writer, MarshallingContext context) {
            context.convertAnother(((HappyHorseRenderBuilder) source).render, settings);
        }

        @Override
        public Object unmarshal(HierarchicalStreamReader reader, UnmarshallingContext context) {
            return new HappyHorseRenderBuilder(
                    (HappyHorseRenderStep) context.convertAnother(null, HappyHorseRenderStep.class, settings));
        }
    }

    /**
     * Registers the build step. It has no {@code @Symbol}: in a Pipeline a symbol would make {@code
     * happyHorseRenderBuilder(...)} a call that renders nothing, without a word; without one it is
     * an unknown method, and the error says so. Job DSL and Configuration as Code name it after its
     * class, {@code happyHorseRenderBuilder}, all the same.
     */
    @Extension
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
    }
}

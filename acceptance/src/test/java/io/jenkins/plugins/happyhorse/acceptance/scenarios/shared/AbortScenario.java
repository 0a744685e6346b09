package io.jenkins.plugins.happyhorse.acceptance.scenarios.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderCall;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderLog;
import io.jenkins.plugins.happyhorse.acceptance.harness.CommandLine;
import io.jenkins.plugins.happyhorse.acceptance.harness.SimulatorCounters;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.harness.Waits;
import io.jenkins.plugins.happyhorse.acceptance.media.Mp4File;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.pages.PipelineJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Scenario 9: aborting a build while its render waits. The build ends ABORTED with a clear
 * message naming the host's job (which the host still runs and bills). If the message promises a
 * way to collect the clip later without paying again, that way must exist: the scenario follows
 * it, either the command line ({@code happyhorse status ID ... --download}) or a step parameter
 * that adopts the prediction id, and checks that the clip arrives with no second submission.
 */
public abstract class AbortScenario {
    public static final String JOB = "s09-abort";
    public static final String MARKER = "[s09]";

    /** Words with which a message promises that the paid clip can still be had. */
    private static final Pattern PROMISE =
            Pattern.compile("(?i)collect|without paying again|retrieve|pick (it|the clip) up");

    private static final Pattern COMMAND = Pattern.compile("happyhorse status ([^`'\"\\n]+)");

    protected abstract Testbed bed();

    @Test
    void abortWhileWaitingEndsAbortedAndKeepsEveryPromiseItMakes() throws Exception {
        Testbed bed = bed();
        RenderCall call = RenderCall.prompt(MARKER + " A clock tower at noon, pigeons scatter")
                .images("https://images.example.invalid/tower.png")
                .with("credentialsId", Testbed.CREDENTIALS_ID);
        PipelineJob job = PipelineJob.create(bed.admin(), JOB, call.groovy());
        Build build = job.scheduleBuild();
        build.awaitLogLine("Submitted as WaveSpeed prediction", Bounds.SUBMIT);
        String id = RenderLog.predictionId(build.console()).orElseThrow();

        build.stop();
        String result = build.awaitResult(Bounds.QUICK);
        String log = build.console();

        assertThat(result).as("result; log:\n%s", log).isEqualTo("ABORTED");
        List<String> about = log.lines()
                .filter(line -> line.contains("[HappyHorse]") && line.contains(id) && !line.contains("Submitted as"))
                .toList();
        assertThat(about)
                .as("a line after the abort naming prediction %s, in:\n%s", id, log)
                .isNotEmpty();
        assertThat(String.join("\n", about)).containsIgnoringCase("stopped");
        assertThat(log).doesNotContain("\tat ").doesNotContain(bed.apiKey());
        SimulatorCounters.Job submitted =
                ClipChecks.assertOneJob(bed.simulator().counters(), MARKER, "wavespeed", ClipChecks.PRICE_3S_720P);
        assertThat(submitted.id()).isEqualTo(id);

        List<String> promises =
                log.lines().filter(line -> PROMISE.matcher(line).find()).toList();
        if (promises.isEmpty()) {
            return; // No promise made: nothing more to keep.
        }
        String promise = String.join("\n", promises);
        // The job runs on at the host; a way to collect it is only tried once it is done there.
        Waits.untilTrue(
                "prediction " + id + " to finish on the simulator",
                Bounds.RENDER,
                () -> bed.simulator().counters().jobsFor(MARKER).stream().allMatch(SimulatorCounters.Job::finished));
        Optional<String> command = commandIn(promise);
        Optional<String> parameter = stepParameterIn(promise, id);
        assertThat(command.isPresent() || parameter.isPresent())
                .as(
                        "the abort message promises a way to collect the clip without paying again, but names none"
                                + " that can be followed (a 'happyhorse status %s ... --download' command or a step parameter"
                                + " taking '%s'):\n%s",
                        id, id, promise)
                .isTrue();
        if (command.isPresent()) {
            collectWithTheCommandLine(bed, id, command.get());
        } else {
            collectWithTheStep(bed, call, parameter.get(), id);
        }
        assertThat(bed.simulator().counters().jobsFor(MARKER))
                .as("jobs of this scenario after collecting the clip")
                .hasSize(1);
    }

    private static void collectWithTheCommandLine(Testbed bed, String id, String command) throws Exception {
        List<String> args = new ArrayList<>(List.of("status"));
        args.addAll(Arrays.asList(command.trim().split("\\s+")));
        assertThat(args).as("the promised command %s", command).contains(id, "--download");
        if (!args.contains("--base-url")) {
            args.addAll(List.of("--base-url", bed.simulator().waveSpeedBaseUrl().toString()));
        }
        Path dir = bed.environment().workDir().resolve("s09-collect");
        CommandLine.Result run = new CommandLine(bed.environment())
                .run(dir, Map.of("WAVESPEED_API_KEY", bed.apiKey()), Duration.ofMinutes(3), args);
        assertThat(run.exitCode()).as("happyhorse %s:\n%s", args, run.output()).isZero();
        try (var files = Files.walk(dir)) {
            List<Path> clips = files.filter(p -> p.toString().endsWith(".mp4")).toList();
            assertThat(clips)
                    .as("clips the command line downloaded:\n%s", run.output())
                    .hasSize(1);
            Mp4File mp4 = Mp4File.read(Files.readAllBytes(clips.get(0)));
            assertThat(mp4.width()).isEqualTo(1280);
        }
    }

    private static void collectWithTheStep(Testbed bed, RenderCall call, String parameter, String id) {
        PipelineJob again = PipelineJob.create(
                bed.admin(),
                JOB + "-collect",
                "def clip = " + call.with(parameter, id).groovy() + "\necho 'collected ' + clip.artifactPath");
        Build build = again.scheduleBuild();
        String result = build.awaitResult(Bounds.RENDER);
        assertThat(result)
                .as("collecting with %s: '%s'; log:\n%s", parameter, id, build.console())
                .isEqualTo("SUCCESS");
        assertThat(build.console()).doesNotContain("Submitted as");
        ClipChecks.assertArchivedClip(build, build.artifacts().get(0));
    }

    private static Optional<String> commandIn(String text) {
        Matcher m = COMMAND.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> stepParameterIn(String text, String id) {
        Matcher m = Pattern.compile("(\\w+): ?'" + Pattern.quote(id) + "'").matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}

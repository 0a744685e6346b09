package io.jenkins.plugins.happyhorse.acceptance.scenarios.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderCall;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderLog;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.pages.PipelineJob;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Scenario 10: bad inputs, in a workspace folder that does not exist yet: the build fails with
 * one list of every problem, each naming its field, and nothing reaches the host. Also a
 * workspace path outside {@code node {}}: reported once, as what it is.
 */
public abstract class BadInputScenario {
    public static final String MARKER = "[s10]";
    private static final String HEADER = "The render request is invalid";

    protected abstract Testbed bed();

    @Test
    void everyProblemIsListedOnceAndNothingIsSentEvenInAWorkspaceThatDoesNotExistYet() {
        Testbed bed = bed();
        String render = RenderCall.prompt(MARKER + " " + "a very long prompt ".repeat(140))
                .images("missing/product.png", "assets/*.gif", "http://insecure.example/a.png")
                .with("duration", 20)
                .with("resolution", "4k")
                .with("aspectRatio", "21:9")
                .with("seed", -1)
                .with("maxCost", -1)
                .with("output", "clip.mov")
                .with("credentialsId", Testbed.CREDENTIALS_ID)
                .groovy();
        // dir() of a folder nobody created: the step's workspace does not exist yet.
        String script =
                """
                node {
                    dir('not-created-yet/renders') {
                        %s
                    }
                }
                """
                        .formatted(render);
        Build build = PipelineJob.create(bed.admin(), "s10-bad-input", script).scheduleBuild();

        String result = build.awaitResult(Bounds.QUICK);
        String log = build.console();

        assertThat(result).as("result; log:\n%s", log).isEqualTo("FAILURE");
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(log)
                .as("the log")
                .doesNotContain("NoSuchFileException")
                .doesNotContain("\tat ");
        softly.assertThat(RenderLog.lines(log, HEADER))
                .as("lists of problems in:\n%s", log)
                .isEqualTo(1);
        softly.assertThat(log).contains("nothing was sent to the host");
        List<String> problems = problemLines(log);
        for (String field :
                List.of("images", "prompt", "duration", "resolution", "aspectRatio", "seed", "maxCost", "output")) {
            softly.assertThat(problems)
                    .as("a problem line for %s in:\n%s", field, log)
                    .anyMatch(line -> line.startsWith(field + ":"));
        }
        softly.assertThat(problems)
                .as("problems with the images")
                .filteredOn(line -> line.startsWith("images:"))
                .hasSize(3);
        softly.assertThat(log).doesNotContain("Submitted as").doesNotContain("Estimated cost");
        softly.check(() -> ClipChecks.assertNothingCharged(bed.simulator().counters(), MARKER));
        softly.assertAll();
    }

    @Test
    void aWorkspacePathOutsideNodeIsReportedOnceAsWhatItIs() {
        Testbed bed = bed();
        String render = RenderCall.prompt(MARKER + " outside node")
                .images("assets/product.png")
                .with("credentialsId", Testbed.CREDENTIALS_ID)
                .groovy();
        Build build = PipelineJob.create(bed.admin(), "s10-workspace-path-outside-node", render)
                .scheduleBuild();

        String result = build.awaitResult(Bounds.QUICK);
        String log = build.console();

        assertThat(result).as("result; log:\n%s", log).isEqualTo("FAILURE");
        List<String> problems = problemLines(log);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(problems).as("problem lines in:\n%s", log).hasSize(1);
        softly.assertThat(problems).anySatisfy(line -> assertThat(line)
                .startsWith("images: assets/product.png")
                .contains("outside node"));
        softly.assertThat(log).as("the log").doesNotContain("(none)");
        softly.check(() -> ClipChecks.assertNothingCharged(bed.simulator().counters(), MARKER));
        softly.assertAll();
    }

    /** The lines of the list of problems, without their bullet ({@code field: value is not allowed ...}). */
    static List<String> problemLines(String log) {
        return log.lines()
                .map(String::strip)
                .filter(line -> line.startsWith("- "))
                .map(line -> line.substring(2))
                .toList();
    }
}

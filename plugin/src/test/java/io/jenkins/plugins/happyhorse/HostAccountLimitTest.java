package io.jenkins.plugins.happyhorse;

import static io.jenkins.plugins.happyhorse.RenderFixture.CREDENTIALS_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.SimulatedJob;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.job.AccountLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Renders fanned out against a host account that allows fewer jobs at once than the controller
 * starts with: the engine's admission gate (one per host account, from the global configuration)
 * halves on the host's 429, the refused submits charge nothing and are sent again, the rest wait
 * for a slot without an executor, and every render is accepted exactly once.
 */
@WithJenkins
class HostAccountLimitTest {

    private JenkinsRule j;
    private Simulator simulator;
    private final SteppedScheduler clock = RenderFixture.newClock();

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        simulator = Simulator.builder()
                .apiKey(RenderFixture.API_KEY)
                .clock(clock.clock())
                .seed(7)
                .maxHold(Duration.ofMinutes(2))
                .processingTime(Duration.ofSeconds(60))
                .accountLevel(Host.WAVESPEED, AccountLevel.of(2, 0))
                .start();
        RenderFixture.configure(j.jenkins, simulator, clock);
    }

    @AfterEach
    void tearDown() {
        clock.release();
        simulator.close();
    }

    @Test
    void aFanOutAboveTheAccountsLimitIsAdmittedAsTheHostAllowsAndEachRenderIsAcceptedOnce() throws Exception {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        config.setInitialConcurrentRenders(4);
        config.setMaxConcurrentRenders(6);

        WorkflowRun b = fanOut("fan-out", 6);

        j.assertBuildStatusSuccess(b);
        assertThat(simulator.stats().submissions(Host.WAVESPEED))
                .as("accepted submissions")
                .isEqualTo(6);
        assertThat(simulator.stats().refusedSubmits(Host.WAVESPEED))
                .as("submits the host refused with 429, charging nothing")
                .isPositive();
        j.assertLogContains("WaveSpeed is busy (429): submitting again in", b);
        j.assertLogContains("nothing was charged", b);
        j.assertLogContains("waiting for a slot at WaveSpeed", b);
        assertThat(RenderFixture.lines(b, "[HappyHorse] Done: WaveSpeed prediction"))
                .isEqualTo(6);
        assertThat(maxConcurrentJobs(simulator)).as("jobs the host had at once").isLessThanOrEqualTo(2);
    }

    @Test
    void rendersWithinTheStartingLimitNeverMeetA429() throws Exception {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        config.setInitialConcurrentRenders(2);
        config.setMaxConcurrentRenders(2);

        WorkflowRun b = fanOut("within", 5);

        j.assertBuildStatusSuccess(b);
        assertThat(simulator.stats().submissions(Host.WAVESPEED)).isEqualTo(5);
        assertThat(simulator.stats().refusedSubmits(Host.WAVESPEED)).isZero();
        j.assertLogContains("waiting for a slot at WaveSpeed", b);
    }

    @Test
    void aQueuedRenderIsNotTimedOutByTheTimeItWaitedForASlot() throws Exception {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        config.setInitialConcurrentRenders(1);
        config.setMaxConcurrentRenders(1);
        // Each job takes a simulated minute at the host; the last of four waits three minutes for
        // its slot, longer than its own two-minute timeout.
        config.setDefaultTimeoutMinutes(2);

        WorkflowRun b = fanOut("queued", 4);

        j.assertBuildStatusSuccess(b);
        assertThat(simulator.stats().submissions(Host.WAVESPEED)).isEqualTo(4);
    }

    /** A Pipeline of {@code count} parallel renders outside node {} (images by URL): no executor while they wait. */
    private WorkflowRun fanOut(String name, int count) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(
                "def branches = [:]\n"
                        + "for (int i = 0; i < " + count + "; i++) {\n"
                        + "  def n = i\n"
                        + "  branches['clip ' + n] = {\n"
                        + "    happyHorseRender(images: ['https://images.example.invalid/product-' + n + '.png'],\n"
                        + "        prompt: 'Product ' + n, duration: 3, credentialsId: '" + CREDENTIALS_ID + "',\n"
                        + "        output: 'clips/clip-' + n + '.mp4')\n"
                        + "  }\n"
                        + "}\n"
                        + "parallel branches",
                true));
        return p.scheduleBuild2(0).get();
    }

    /** The most jobs the simulator had unfinished at one simulated instant. */
    private static int maxConcurrentJobs(Simulator simulator) {
        List<SimulatedJob> jobs = simulator.jobs();
        int max = 0;
        for (SimulatedJob job : jobs) {
            Instant at = job.createdAtSimulated();
            int running = 0;
            for (SimulatedJob other : jobs) {
                if (!other.createdAtSimulated().isAfter(at)
                        && other.completesAtSimulated().isAfter(at)) {
                    running++;
                }
            }
            max = Math.max(max, running);
        }
        return max;
    }
}

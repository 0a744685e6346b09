package io.jenkins.plugins.happyhorse;

import static io.jenkins.plugins.happyhorse.RenderFixture.CREDENTIALS_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.fault.WebhookFault;
import io.jenkins.plugins.happyhorse.simulator.webhook.CallbackRecord;
import java.time.Duration;
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
 * The simulator's callback faults through the Jenkins endpoint: a duplicated callback is accepted
 * once, one delayed past the freshness window, forged or signed with a wrong key is refused (the
 * safety poll then completes the render), and an older event arriving last changes nothing. Each
 * render completes once, paid once, whatever its callback did.
 */
@WithJenkins
class WebhookFaultsTest {

    private JenkinsRule j;
    private Simulator simulator;
    private final SteppedScheduler clock = RenderFixture.newClock();

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        simulator = WebhookSupport.startSimulator(clock);
        RenderFixture.configure(j.jenkins, simulator, clock);
        WebhookSupport.turnOn(j);
    }

    @AfterEach
    void tearDown() {
        clock.release();
        simulator.close();
    }

    @Test
    void aDuplicatedCallbackIsAcceptedOnce() throws Exception {
        WorkflowRun b = render(WebhookFault.duplicated());
        assertThat(statuses()).containsExactly(204, 400);
        j.assertLogContains("WaveSpeed called back about prediction", b);
    }

    @Test
    void aCallbackDelayedPastTheFreshnessWindowIsRefusedAndTheSafetyPollCompletes() throws Exception {
        WorkflowRun b = render(WebhookFault.delayed(Duration.ofMinutes(6)));
        // The safety poll completed the render before the callback was even sent; once the clock
        // reaches it, the callback is six minutes old and refused.
        j.assertLogNotContains("called back about prediction", b);
        clock.advance(Duration.ofMinutes(10));
        await().atMost(Duration.ofMinutes(1))
                .until(() -> !simulator.webhookCallbacks().isEmpty());
        assertThat(statuses()).containsExactly(400);
    }

    @Test
    void aForgedCallbackIsRefusedAndTheSafetyPollCompletes() throws Exception {
        WorkflowRun b = render(WebhookFault.forged());
        assertThat(statuses()).containsExactly(400);
        j.assertLogNotContains("called back about prediction", b);
    }

    @Test
    void aCallbackSignedWithAWrongKeyIsRefusedAndTheSafetyPollCompletes() throws Exception {
        WorkflowRun b = render(WebhookFault.wrongKey());
        assertThat(statuses()).containsExactly(400);
        j.assertLogNotContains("called back about prediction", b);
    }

    @Test
    void anOlderEventArrivingLastChangesNothing() throws Exception {
        WorkflowRun b = render(WebhookFault.outOfOrder());
        assertThat(statuses()).hasSize(2).first().isEqualTo(204);
        j.assertLogContains("WaveSpeed called back about prediction", b);
    }

    /** One render whose callback plays {@code fault}; it must end well, paid once, with its clip. */
    private WorkflowRun render(WebhookFault fault) throws Exception {
        simulator.faults().nextWebhook(fault);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition(
                "happyHorseRender images: ['https://example.com/a.png'], prompt: 'A horse', credentialsId: '"
                        + CREDENTIALS_ID + "'",
                true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        assertThat(simulator.stats().submissions()).isEqualTo(1);
        RenderStepTest.assertIsMp4(RenderFixture.artifact(b, "happyhorse/clip-1.mp4"));
        return b;
    }

    /** The endpoint's answers to the callbacks sent so far, in order. */
    private List<Integer> statuses() {
        return simulator.webhookCallbacks().stream().map(CallbackRecord::status).toList();
    }
}

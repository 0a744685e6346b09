package io.jenkins.plugins.happyhorse;

import static io.jenkins.plugins.happyhorse.RenderFixture.API_KEY;
import static io.jenkins.plugins.happyhorse.RenderFixture.CREDENTIALS_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hudson.util.FormValidation;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration;
import io.jenkins.plugins.happyhorse.engine.RenderEngines;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import io.jenkins.plugins.happyhorse.simulator.fault.WebhookFault;
import io.jenkins.plugins.happyhorse.simulator.webhook.CallbackRecord;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Completion by webhook in Jenkins: the simulator calls the controller's endpoint back when the job
 * ends and the waiting render asks the host once; a lost callback is made up for by the safety
 * poll; the endpoint is off by default (404, nothing reaches an engine), answers 405 to anything but
 * POST and needs no CSRF crumb; the global form checks the URL.
 */
@WithJenkins
class WebhookRenderTest {

    private JenkinsRule j;
    private Simulator simulator;
    private final SteppedScheduler clock = RenderFixture.newClock();

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        simulator = WebhookSupport.startSimulator(clock);
        RenderFixture.configure(j.jenkins, simulator, clock);
    }

    @AfterEach
    void tearDown() {
        clock.release();
        simulator.close();
    }

    @Test
    void aRenderIsCompletedByTheHostsCallbackThroughTheEndpointWithOnePoll() throws Exception {
        WebhookSupport.turnOn(j);
        WorkflowRun b = j.buildAndAssertSuccess(pipeline("hooked"));

        j.assertLogContains(
                "Completion by webhook: the render will be woken by the host's callback to "
                        + WebhookSupport.endpoint(j),
                b);
        j.assertLogContains("WaveSpeed called back about prediction", b);
        List<CallbackRecord> callbacks = simulator.webhookCallbacks();
        assertThat(callbacks).hasSize(1);
        assertThat(callbacks.get(0).status()).as("the endpoint's answer").isEqualTo(204);
        assertThat(simulator.stats().requests(Route.WS_RESULT)
                        + simulator.stats().requests(Route.WS_PREDICTION))
                .as("polls while waiting: the one the callback asked for")
                .isBetween(1L, 2L);
        assertThat(simulator.stats().submissions()).isEqualTo(1);
        RenderStepTest.assertIsMp4(RenderFixture.artifact(b, "happyhorse/clip-1.mp4"));
        RenderFixture.assertSecretAbsent(b, API_KEY);
        RenderFixture.assertSecretAbsent(b, simulator.waveSpeedWebhookSecret());
    }

    @Test
    void aLostCallbackIsMadeUpForByTheSafetyPoll() throws Exception {
        WebhookSupport.turnOn(j);
        simulator.faults().nextWebhook(WebhookFault.lost());
        WorkflowRun b = j.buildAndAssertSuccess(pipeline("lost"));

        j.assertLogContains("Completion by webhook", b);
        j.assertLogNotContains("called back about prediction", b);
        assertThat(simulator.webhookCallbacks()).singleElement().satisfies(c -> assertThat(c.outcome())
                .isEqualTo("dropped"));
        assertThat(simulator.stats().submissions()).isEqualTo(1);
        RenderStepTest.assertIsMp4(RenderFixture.artifact(b, "happyhorse/clip-1.mp4"));
    }

    @Test
    void offByDefaultTheEndpointAnswers404AndRendersPoll() throws Exception {
        assertThat(HappyHorseConfiguration.get().isWebhooksEnabled()).isFalse();
        WorkflowRun b = j.buildAndAssertSuccess(pipeline("polled"));

        j.assertLogNotContains("Completion by webhook", b);
        assertThat(simulator.webhookCallbacks())
                .as("no host was asked to call back")
                .isEmpty();
        long before = RenderFixture.requests(simulator);
        HttpResponse<byte[]> reply = WebhookSupport.send(
                "POST", WebhookSupport.endpoint(j), Map.of("Content-Type", "application/json"), "{}".getBytes());
        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(RenderFixture.requests(simulator)).isEqualTo(before);
    }

    /**
     * Turned off while a render waits, the endpoint refuses even a genuine callback with 404 and
     * nothing reaches the engine: the render still waits and no request goes to the host. On again,
     * the host's own callback completes it.
     */
    @Test
    void turnedOffTheEndpointPassesNothingOnWhileARenderWaits() throws Exception {
        WebhookSupport.turnOn(j);
        clock.hold();
        WorkflowRun b = pipeline("off").scheduleBuild2(0).waitForStart();
        String id = RenderStepTest.awaitWaiting(b);
        await().atMost(Duration.ofMinutes(1)).until(() -> awaiting() == 1);
        HappyHorseConfiguration.get().setWebhooksEnabled(false);
        long before = RenderFixture.requests(simulator);

        byte[] body =
                ("{\"id\":\"" + id + "\",\"status\":\"completed\",\"outputs\":[]}").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers =
                new LinkedHashMap<>(simulator.signWebhook(Host.WAVESPEED, "msg_off_1", clock.now(), body));
        headers.put("Content-Type", "application/json");
        HttpResponse<byte[]> reply = WebhookSupport.send("POST", WebhookSupport.endpoint(j), headers, body);

        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(RenderFixture.requests(simulator)).as("requests to the host").isEqualTo(before);
        assertThat(b.isBuilding()).isTrue();
        assertThat(awaiting()).isEqualTo(1);

        WebhookSupport.turnOn(j);
        clock.release();
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
    }

    @Test
    void anythingButPostIs405AndAPostNeedsNoCrumb() throws Exception {
        WebhookSupport.turnOn(j);
        for (String method : new String[] {"GET", "PUT", "DELETE"}) {
            HttpResponse<byte[]> reply = WebhookSupport.send(method, WebhookSupport.endpoint(j), Map.of(), new byte[0]);
            assertThat(reply.statusCode()).as(method).isEqualTo(405);
            assertThat(reply.headers().firstValue("Allow")).as(method).hasValue("POST");
            assertThat(reply.body()).as(method).isEmpty();
        }
        // Security on, CSRF protection on (the default), no session and no crumb: the refusal is
        // the endpoint's own (400: no host's signature), not Jenkins' 403.
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new hudson.security.FullControlOnceLoggedInAuthorizationStrategy());
        assertThat(j.jenkins.getCrumbIssuer()).isNotNull();
        HttpResponse<byte[]> post = WebhookSupport.send(
                "POST", WebhookSupport.endpoint(j), Map.of("Content-Type", "application/json"), "{}".getBytes());
        assertThat(post.statusCode()).isEqualTo(400);
        assertThat(post.body()).isEmpty();
        HttpResponse<byte[]> noSlash = WebhookSupport.send(
                "POST",
                java.net.URI.create(j.getURL() + "happyhorse-webhook"),
                Map.of("Content-Type", "application/json"),
                "{}".getBytes());
        // Without its slash Jenkins redirects (a host does not follow a POST's redirect): the form warns.
        assertThat(noSlash.statusCode()).as("without the trailing slash").isEqualTo(302);
        // The exclusion is for exactly that path.
        HttpResponse<byte[]> beside = WebhookSupport.send(
                "POST",
                java.net.URI.create(j.getURL() + "happyhorse-webhook-other/"),
                Map.of("Content-Type", "application/json"),
                "{}".getBytes());
        assertThat(beside.statusCode()).isEqualTo(403);
    }

    @Test
    void theFormChecksTheUrlNamingTheFieldAndValue() throws Exception {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        FormValidation plainPublic = config.doCheckWebhookUrl("http://jenkins.example.com/happyhorse-webhook/", "", "");
        assertThat(plainPublic.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(plainPublic.getMessage())
                .contains("webhookUrl")
                .contains("http://jenkins.example.com/happyhorse-webhook/")
                .contains("not https");
        assertThat(config.doCheckWebhookUrl("https://jenkins.example.com/happyhorse-webhook/", "", "").kind)
                .isEqualTo(FormValidation.Kind.OK);
        FormValidation internal = config.doCheckWebhookUrl("https://10.0.0.5/happyhorse-webhook/", "", "");
        assertThat(internal.kind).isEqualTo(FormValidation.Kind.ERROR);
        // Loopback: only while a host's API is itself on loopback (the simulator), as the engine allows.
        String loopback = "http://127.0.0.1:8080/happyhorse-webhook/";
        assertThat(config.doCheckWebhookUrl(loopback, "", "").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(config.doCheckWebhookUrl(loopback, "http://127.0.0.1:9000", "").kind)
                .isEqualTo(FormValidation.Kind.WARNING);
        FormValidation noSlash = config.doCheckWebhookUrl("https://jenkins.example.com/happyhorse-webhook", "", "");
        assertThat(noSlash.kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(noSlash.getMessage()).contains("webhookUrl").contains("final slash");
        // Blank: the Jenkins URL with the endpoint's path, checked the same way (http here).
        assertThat(config.getSuggestedWebhookUrl()).isEqualTo(j.getURL() + "happyhorse-webhook/");
    }

    private static int awaiting() {
        return RenderEngines.webhookReceivers().stream()
                .mapToInt(r -> r.awaiting())
                .sum();
    }

    private WorkflowJob pipeline(String name) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(
                "happyHorseRender images: ['https://example.com/a.png'], prompt: 'A horse'," + " credentialsId: '"
                        + CREDENTIALS_ID + "'",
                true));
        return p;
    }
}

package io.jenkins.plugins.happyhorse.acceptance.scenarios.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.acceptance.api.JenkinsClient;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderLog;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.pages.SnippetGenerator;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Scenario 16: with security on, an anonymous user sees neither the render page nor the clip;
 * the plugin's form endpoints refuse GET, and refuse (or tell nothing to) users without the
 * permission they need: the global configuration's checks are for administrators, and a user
 * who may only read a job does not get its credentials listed.
 */
public abstract class SecurityScenario {
    protected abstract Testbed bed();

    @Test
    void anonymousSeesNoRenderAndFormEndpointsRefuseGetAndUsersWithoutPermission() {
        Testbed bed = bed();
        Build build = ScriptedPipelineScenario.build(bed);
        assertThat(build.awaitResult(Bounds.RENDER)).isEqualTo("SUCCESS");
        String id = RenderLog.predictionId(build.console()).orElseThrow();
        JenkinsClient anonymous = bed.jenkins().anonymous();
        JenkinsClient viewer = bed.jenkins().viewer();
        JenkinsClient admin = bed.admin();
        SoftAssertions softly = new SoftAssertions();

        for (String path : new String[] {
            build.path(), build.path() + "happyhorse/", build.artifactPath(ScriptedPipelineScenario.ARTIFACT)
        }) {
            HttpResponse<byte[]> seen = anonymous.getBytes(path);
            String body = new String(seen.body(), StandardCharsets.ISO_8859_1);
            softly.assertThat(seen.statusCode()).as("anonymous GET %s", path).isIn(401, 403, 404);
            softly.assertThat(body)
                    .as("what anonymous got for %s", path)
                    .doesNotContain(id)
                    .doesNotContain("ftyp");
        }
        // The viewer may read the job, so it sees the clip; that is what Job/Read is for.
        softly.assertThat(build.as(viewer).page().statusCode())
                .as("the build page for the viewer")
                .isEqualTo(200);

        String step = SnippetGenerator.stepClass(bed.jenkins().scriptConsole(), SnippetGeneratorScenario.STEP);
        String config = bed.jenkins()
                .scriptConsole()
                .run(
                        """
                        import jenkins.model.GlobalConfiguration
                        import org.jenkinsci.plugins.structs.SymbolLookup
                        print SymbolLookup.get().find(GlobalConfiguration, 'happyHorse').class.name
                        """)
                .trim();
        String job = build.job().path();
        String checkUrl = "descriptorByName/" + config + "/checkWaveSpeedBaseUrl?value=ftp%3A%2F%2Fevil.example";
        String fillDefault = "descriptorByName/" + config + "/fillDefaultCredentialsIdItems";
        String fillStep = job + "descriptorByName/" + step + "/fillCredentialsIdItems";
        String[] endpoints = {
            checkUrl,
            fillDefault,
            job + "descriptorByName/" + step + "/checkPrompt?value=x",
            fillStep,
            job + "descriptorByName/" + step + "/checkImages?value=a.png",
        };
        for (String endpoint : endpoints) {
            // Refused: not served to a GET at all (Stapler answers 404 or 405), even for an administrator.
            HttpResponse<String> get = admin.get(endpoint);
            softly.assertThat(get.statusCode())
                    .as("GET %s as the administrator", endpoint)
                    .isIn(404, 405);
            softly.assertThat(get.body())
                    .as("what a GET of %s got", endpoint)
                    .doesNotContain("Not a usable API base URL")
                    .doesNotContain(Testbed.CREDENTIALS_ID);
            HttpResponse<String> anonymousPost = anonymous.postWithoutCrumb(endpoint, Map.of());
            softly.assertThat(anonymousPost.statusCode())
                    .as("POST %s anonymously", endpoint)
                    .isIn(401, 403);
        }
        // The global configuration's checks are for administrators only ...
        HttpResponse<String> check = viewer.postForm(checkUrl, Map.of());
        softly.assertThat(check.statusCode())
                .as("POST %s as a viewer", checkUrl)
                .isEqualTo(403);
        softly.assertThat(check.body()).doesNotContain("Not a usable API base URL");
        // ... and no credentials list goes to anyone who may not configure where it is used: the
        // endpoint refuses, or answers with nothing but the value it was sent.
        for (String fill : new String[] {fillDefault, fillStep}) {
            HttpResponse<String> credentials = viewer.postForm(fill, Map.of());
            softly.assertThat(credentials.statusCode())
                    .as("POST %s as a viewer", fill)
                    .isIn(200, 403);
            softly.assertThat(credentials.body())
                    .as("credentials listed to a viewer by %s", fill)
                    .doesNotContain(Testbed.CREDENTIALS_ID);
        }
        // ... while the administrator does get them (so the check above can fail), and the checks answer.
        softly.assertThat(admin.postForm(fillStep, Map.of()).body()).contains(Testbed.CREDENTIALS_ID);
        softly.assertThat(admin.postForm(checkUrl, Map.of()).body()).contains("Not a usable API base URL");
        softly.assertAll();
    }
}

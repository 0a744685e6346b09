package io.jenkins.plugins.happyhorse.acceptance.scenarios.shared;

import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.PipelineJob;
import io.jenkins.plugins.happyhorse.acceptance.pages.SnippetGenerator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Scenario 13: the Snippet Generator lists {@code happyHorseRender} once (the freestyle build
 * step must not turn up as a second Pipeline step) and writes the expected call from its form.
 */
public abstract class SnippetGeneratorScenario {
    public static final String STEP = "happyHorseRender";
    public static final String TITLE = "Render a video clip with HappyHorse";

    protected abstract Testbed bed();

    @Test
    void listsTheStepOnceAndGeneratesTheExpectedCall() {
        Testbed bed = bed();
        PipelineJob job = PipelineJob.create(bed.admin(), "s13-snippet-generator", "echo 'snippets'");
        SnippetGenerator generator = job.snippetGenerator();

        List<String> titles = generator.stepTitles();
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(titles).as("the Sample Step list").contains(STEP + ": " + TITLE);
        softly.assertThat(titles)
                .as("entries of the plugin in the Sample Step list: %s", titles)
                .filteredOn(title -> title.contains("HappyHorse") || title.contains("happyHorse"))
                .containsExactly(STEP + ": " + TITLE);

        Map<String, Object> form = new LinkedHashMap<>();
        form.put("images", "assets/product.png\nhttps://cdn.example.com/style.jpg");
        form.put("prompt", "The product turns slowly");
        form.put("provider", "atlascloud");
        form.put("credentialsId", Testbed.CREDENTIALS_ID);
        form.put("resolution", "1080p");
        form.put("aspectRatio", "9:16");
        form.put("duration", "8");
        form.put("seed", "42");
        form.put("output", "");
        form.put("archive", true);
        form.put("maxCost", "");
        form.put("timeout", "");
        form.put("dryRun", false);
        String snippet =
                generator.generate(SnippetGenerator.stepClass(bed.jenkins().scriptConsole(), STEP), form);

        softly.assertThat(snippet.strip())
                .isEqualTo("happyHorseRender aspectRatio: '9:16', credentialsId: '" + Testbed.CREDENTIALS_ID
                        + "', duration: 8, images: ['assets/product.png', 'https://cdn.example.com/style.jpg'],"
                        + " prompt: 'The product turns slowly', provider: 'atlascloud', resolution: '1080p', seed: 42");
        softly.assertAll();
    }
}

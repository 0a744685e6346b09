package io.jenkins.plugins.happyhorse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.happyhorse.render.RenderParameters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The step's values, without a Jenkins. */
class HappyHorseRenderStepTest {

    @Test
    void imagesTypedOnePerLineBecomeOneEntryEach() {
        HappyHorseRenderStep step =
                new HappyHorseRenderStep(List.of(" a.png \n\n b/*.jpg\r\nhttps://x.test/c.png "), "p");

        assertThat(step.getImages()).containsExactly("a.png", "b/*.jpg", "https://x.test/c.png");
        assertThat(step.getImagesText()).isEqualTo("a.png\nb/*.jpg\nhttps://x.test/c.png");
    }

    @Test
    void aSingleStringIsOneImageAndAStringOfLinesOneImagePerLine() {
        HappyHorseRenderStep step = new HappyHorseRenderStep();

        step.setImages("a.png");
        assertThat(step.getImages()).containsExactly("a.png");
        step.setImages("a.png\nhttps://x.test/b.png");
        assertThat(step.getImages()).containsExactly("a.png", "https://x.test/b.png");
        step.setImages(new String[] {"c.png"});
        assertThat(step.getImages()).containsExactly("c.png");
        step.setImages(null);
        assertThat(step.getImages()).isNull();
    }

    @Test
    void anythingButStringsIsRefusedNamingTheField() {
        HappyHorseRenderStep step = new HappyHorseRenderStep();

        assertThatThrownBy(() -> step.setImages(Map.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("images: ")
                .hasMessageContaining("allowed: a list of workspace paths, globs or https URLs");
    }

    @Test
    void blankOptionalValuesMeanTheDefaults() {
        HappyHorseRenderStep step = new HappyHorseRenderStep(List.of("a.png"), "p");
        step.setProvider("  ");
        step.setResolution("");
        step.setCredentialsId(" key ");
        step.setPredictionId(" ");

        RenderParameters parameters = step.toParameters();

        assertThat(parameters.provider()).isNull();
        assertThat(parameters.resolution()).isNull();
        assertThat(parameters.credentialsId()).isEqualTo("key");
        assertThat(parameters.archive()).isTrue();
        assertThat(parameters.dryRun()).isFalse();
        assertThat(parameters.collects()).isFalse();
    }

    @Test
    void aTimeoutIsKeptAsGivenSoThatOneNotWholeIsRefusedRatherThanNarrowed() {
        HappyHorseRenderStep step = new HappyHorseRenderStep(List.of("a.png"), "p");
        step.setTimeout(5.5);

        assertThat(step.getTimeout()).isEqualTo(5.5);
        assertThat(step.toParameters().timeout()).isEqualTo(5.5);
        step.setTimeout(20.0);
        assertThat(step.getTimeout()).isEqualTo(20);
    }
}

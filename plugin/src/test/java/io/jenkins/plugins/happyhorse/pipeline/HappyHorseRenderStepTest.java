package io.jenkins.plugins.happyhorse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.render.RenderParameters;
import java.util.List;
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
    void blankOptionalValuesMeanTheDefaults() {
        HappyHorseRenderStep step = new HappyHorseRenderStep(List.of("a.png"), "p");
        step.setProvider("  ");
        step.setResolution("");
        step.setCredentialsId(" key ");

        RenderParameters parameters = step.toParameters();

        assertThat(parameters.provider()).isNull();
        assertThat(parameters.resolution()).isNull();
        assertThat(parameters.credentialsId()).isEqualTo("key");
        assertThat(parameters.archive()).isTrue();
        assertThat(parameters.dryRun()).isFalse();
    }
}

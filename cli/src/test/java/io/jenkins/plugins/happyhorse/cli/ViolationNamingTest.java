package io.jenkins.plugins.happyhorse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.cli.command.RequestOptionsAccess;
import io.jenkins.plugins.happyhorse.client.spec.ImageFormat;
import io.jenkins.plugins.happyhorse.client.spec.ImageLimits;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * The engine's violations, from the parse or from a host's own image limits checked by preflight,
 * reach the user named after the option and showing the path as typed.
 */
class ViolationNamingTest {
    @Test
    void aHostsImageLimitIsNamedAfterTheImagesOption() {
        ImageLimits narrow = new ImageLimits(10L * 1024 * 1024, EnumSet.allOf(ImageFormat.class), 400);
        Violation fromPreflight = new Violation(
                "images[1]",
                "/home/someone/work/assets/style.jpg",
                narrow.allowed(),
                "the picture is 320x240, its short side under 400 px");

        Violation shown = RequestOptionsAccess.named(fromPreflight, "shot.png", "assets/style.jpg");

        assertThat(shown.message())
                .isEqualTo("--image #2: assets/style.jpg is not allowed (the picture is 320x240, its short side under"
                        + " 400 px); allowed: a readable png, jpeg or webp file of at most 10 MB and at least 400 px"
                        + " on its short side, or an https URL");
    }

    @Test
    void theOutputIsNamedAfterTheOutOption() {
        Violation shown = RequestOptionsAccess.named(new Violation("output", "x.mp4", "a file"), "shot.png");

        assertThat(shown.field()).isEqualTo("--out");
    }
}

package io.jenkins.plugins.happyhorse.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** What the build page shows of one render, without a Jenkins. */
class RenderRecordTest {

    @Test
    void artifactLinksEncodeEachPathSegmentButKeepTheSlashes() {
        RenderRecord record =
                RenderRecord.builder().artifactPath("clips/demo #1/a b.mp4").build();

        assertThat(record.getArtifactHref()).isEqualTo("clips/demo%20%231/a%20b.mp4");
    }

    @Test
    void aClipThatWasNotArchivedHasNoLink() {
        assertThat(RenderRecord.builder().build().getArtifactHref()).isNull();
    }

    @Test
    void costIsShownInUsd() {
        assertThat(RenderRecord.builder().cost(new BigDecimal("0.70")).build().getCostText())
                .isEqualTo("0.70 USD");
    }
}

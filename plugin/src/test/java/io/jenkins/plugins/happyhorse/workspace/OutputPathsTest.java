package io.jenkins.plugins.happyhorse.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputPathsTest {

    @Test
    void relativeMp4PathsInsideTheWorkspaceAreAccepted() {
        assertThat(OutputPaths.problem("clips/demo.mp4")).isEmpty();
        assertThat(OutputPaths.problem("demo.MP4")).isEmpty();
        assertThat(OutputPaths.problem(OutputPaths.defaultFor(3))).isEmpty();
    }

    @Test
    void pathsLeavingTheWorkspaceAreRefused() {
        assertThat(OutputPaths.problem("../demo.mp4")).contains("it has an empty, . or .. path segment");
        assertThat(OutputPaths.problem("clips/../../demo.mp4")).isPresent();
        assertThat(OutputPaths.problem("/tmp/demo.mp4")).contains("an absolute path");
        assertThat(OutputPaths.problem("C:/clips/demo.mp4")).contains("an absolute path");
    }

    @Test
    void otherFileKindsAndOddNamesAreRefused() {
        assertThat(OutputPaths.problem("clips/demo.mov")).contains("it does not end in .mp4");
        assertThat(OutputPaths.problem("clips//demo.mp4")).isPresent();
        assertThat(OutputPaths.problem("clips/de*mo.mp4")).isPresent();
    }

    @Test
    void normalizingTrimsAndUsesForwardSlashes() {
        assertThat(OutputPaths.normalize("  ./clips\\demo.mp4 ")).isEqualTo("clips/demo.mp4");
        assertThat(OutputPaths.normalize("   ")).isNull();
        assertThat(OutputPaths.defaultFor(2)).isEqualTo("happyhorse/clip-2.mp4");
    }
}

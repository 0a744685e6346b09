package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LargeDownloadTest extends SimulatorTestSupport {
    private static final long SIZE = 96L * 1024 * 1024;

    @Override
    Simulator.Builder configure(Simulator.Builder builder) {
        return builder.padOutputsTo(SIZE);
    }

    @Test
    void streamsALargeClipToDiskAndVerifiesIt() throws IOException {
        RenderResult result = await(engine.start(
                request(ProviderId.WAVESPEED).build(),
                options().deadline(Duration.ofDays(1)).build()));
        assertThat(result.byteSize()).isEqualTo(SIZE);
        assertThat(Files.size(result.output())).isEqualTo(SIZE);
        assertNoTemporaryFilesLeft();
    }
}

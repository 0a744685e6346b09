package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** A render tells how far its download has come, and which hosts can find a lost submit. */
class DownloadProgressTest extends SimulatorTestSupport {

    @Test
    void countsTheClipsBytesAgainstTheAnnouncedLength() throws Exception {
        RenderHandle handle = engine.render(
                request(ProviderId.WAVESPEED).build().parse().orElseThrow(),
                options().build());
        assertThat(handle.downloadProgress()).as("before the download").isEmpty();

        RenderResult result = await(handle);

        long size = Files.size(result.output());
        assertThat(handle.downloadProgress()).contains(new DownloadProgress(size, size));
        assertThat(handle.downloadProgress().orElseThrow().totalKnown()).isTrue();
    }

    @Test
    void onlyAtlasCloudCanBeAskedForALostSubmit() {
        assertThat(engine.findsLostSubmits(ProviderId.ATLASCLOUD)).isTrue();
        assertThat(engine.findsLostSubmits(ProviderId.WAVESPEED)).isFalse();
    }
}

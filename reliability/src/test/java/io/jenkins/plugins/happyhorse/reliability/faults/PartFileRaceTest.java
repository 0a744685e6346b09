package io.jenkins.plugins.happyhorse.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.error.OutputVerificationException;
import io.jenkins.plugins.happyhorse.client.error.ProviderUnavailableException;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.reliability.support.Probe;
import io.jenkins.plugins.happyhorse.reliability.support.Resources;
import io.jenkins.plugins.happyhorse.reliability.support.Rig;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a render's result completes, its temporary download file is already gone: a caller that
 * archives the output folder the moment the render fails must not find {@code .clip.mp4.*.part}
 * in it. The check runs in a completion stage registered right after the start, which the
 * future runs before stages registered earlier, i.e. at the very moment of completion.
 */
class PartFileRaceTest {
    @TempDir
    Path dir;

    @Test
    void noTemporaryFileIsVisibleWhenTheFailureIsReported() throws IOException {
        try (Rig rig = Rig.start(dir)) {
            rig.sim().faults().next(Route.MEDIA_GET, Fault.status(404), 1000);
            List<List<String>> seen = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RenderHandle handle = rig.engine()
                        .start(
                                rig.request(i % 2 == 0 ? ProviderId.WAVESPEED : ProviderId.ATLASCLOUD)
                                        .build(),
                                rig.options().build());
                AtomicReference<List<String>> atCompletion = new AtomicReference<>();
                handle.result().whenComplete((r, e) -> atCompletion.set(rig.outputFolderContents()));

                assertThat(Probe.await(handle)).isEmpty();
                assertThat(handle.result())
                        .failsWithin(Duration.ZERO)
                        .withThrowableOfType(ExecutionException.class)
                        .havingCause()
                        .isInstanceOf(ProviderUnavailableException.class);
                assertThat(Resources.awaitTrue(() -> atCompletion.get() != null, Resources.SETTLE_MILLIS))
                        .isTrue();
                seen.add(atCompletion.get());
                Resources.awaitTrue(() -> rig.outputFolderContents().isEmpty(), Resources.SETTLE_MILLIS);
            }
            assertThat(seen)
                    .as("output folder each time a failure was reported")
                    .allMatch(List::isEmpty);
        }
    }

    @Test
    void theTemporaryFileIsGoneShortlyAfterAFailedDownload() throws IOException {
        try (Rig rig = Rig.start(dir)) {
            rig.sim().faults().next(Route.MEDIA_GET, Fault.corruptBody());
            RenderHandle handle = rig.engine()
                    .start(
                            rig.request(ProviderId.ATLASCLOUD).build(),
                            rig.options().build());
            assertThat(Probe.await(handle)).isEmpty();
            assertThat(handle.result())
                    .failsWithin(Duration.ZERO)
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause()
                    .isInstanceOf(OutputVerificationException.class);
            assertThat(Resources.awaitTrue(() -> rig.outputFolderContents().isEmpty(), Resources.SETTLE_MILLIS))
                    .as("folder empty, was %s", rig.outputFolderContents())
                    .isTrue();
        }
    }
}

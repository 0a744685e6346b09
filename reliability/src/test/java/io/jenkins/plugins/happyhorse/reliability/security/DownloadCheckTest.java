package io.jenkins.plugins.happyhorse.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderResult;
import io.jenkins.plugins.happyhorse.client.error.OutputVerificationException;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.reliability.support.Probe;
import io.jenkins.plugins.happyhorse.reliability.support.Resources;
import io.jenkins.plugins.happyhorse.reliability.support.Rig;
import io.jenkins.plugins.happyhorse.reliability.support.ScriptedOrigin;
import io.jenkins.plugins.happyhorse.reliability.support.ScriptedOrigin.Answer;
import io.jenkins.plugins.happyhorse.reliability.support.Secrets;
import io.jenkins.plugins.happyhorse.simulator.SimulatedJob;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads are capped in size, whether or not the host announces a length, and a clip is
 * judged by its bytes: a real clip under a hostile name is kept under the name the user chose,
 * and a web page named clip.mp4 is refused. The clip's URL is bounced (by the simulator's
 * media origin) to a scripted origin that serves what each test needs.
 */
class DownloadCheckTest {
    private static final long CAP = 1024 * 1024;

    @TempDir
    Path dir;

    private Rig rig;
    private ScriptedOrigin origin;

    @AfterEach
    void close() {
        if (origin != null) {
            origin.close();
            assertThat(origin.received())
                    .allSatisfy(r -> assertThat(r.authorization()).isNull());
        }
        if (rig != null) {
            Secrets.assertNoAuthorizationReachedMedia(rig.sim());
            rig.close();
        }
    }

    @Test
    void aClipAnnouncedOverTheCapIsRefusedBeforeItIsWritten() throws Exception {
        Throwable error =
                failure(r -> Answer.bytes(200, Map.of("Content-Type", "video/mp4"), new byte[3 * 1024 * 1024]));
        assertThat(error).isInstanceOf(OutputVerificationException.class).hasMessageContaining("download limit");
        assertThat(rig.outputFolderContents()).isEmpty();
    }

    @Test
    void aStreamWithoutALengthIsCutOffAtTheCap() throws Exception {
        long started = System.nanoTime();
        Throwable error = failure(r -> Answer.chunked(200L * 1024 * 1024));
        assertThat(error).isInstanceOf(OutputVerificationException.class).hasMessageContaining("download limit");
        // 200 MB would take a while; the engine stops reading at 1 MB.
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(20_000);
        assertThat(rig.outputFolderContents()).isEmpty();
    }

    @Test
    void aWebPageNamedClipMp4IsRefusedByItsBytes() throws Exception {
        Throwable error = failure(r -> Answer.bytes(
                200,
                Map.of("Content-Type", "video/mp4"),
                "<!DOCTYPE html><html><body>Your download will start shortly</body></html>"
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(error).isInstanceOf(OutputVerificationException.class).hasMessageContaining("MP4");
        assertThat(rig.outputFolderContents()).isEmpty();
    }

    @Test
    void aRealClipUnderAHostileNameIsKeptUnderTheChosenName() throws Exception {
        start(r -> Answer.bytes(
                200,
                Map.of(
                        "Content-Type", "application/x-msdownload",
                        "Content-Disposition", "attachment; filename=\"../../evil.sh\""),
                newestClip()));
        rig.sim().faults().next(Route.MEDIA_GET, Fault.redirect(origin.url("/download/evil.exe?name=../x.sh")));
        RenderHandle handle = rig.engine()
                .start(rig.request(ProviderId.WAVESPEED).build(), rig.options().build());
        RenderResult result = Probe.await(handle).orElseThrow();
        assertThat(result.output()).isEqualTo(rig.output().toAbsolutePath());
        assertThat(rig.outputFolderContents()).containsExactly("clip.mp4");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith("evil") || n.equals("x.sh"));
        }
    }

    private Throwable failure(Function<ScriptedOrigin.Request, Answer> script) throws Exception {
        start(script);
        rig.sim().faults().next(Route.MEDIA_GET, Fault.redirect(origin.url("/clip.mp4")));
        RenderHandle handle = rig.engine()
                .start(
                        rig.request(ProviderId.WAVESPEED).build(),
                        rig.options().maxDownloadBytes(CAP).build());
        try {
            handle.result().get(60, TimeUnit.SECONDS);
            throw new AssertionError("the render succeeded");
        } catch (ExecutionException e) {
            Resources.awaitTrue(() -> rig.outputFolderContents().isEmpty(), Resources.SETTLE_MILLIS);
            return e.getCause();
        }
    }

    private void start(Function<ScriptedOrigin.Request, Answer> script) throws IOException {
        rig = Rig.start(dir.resolve("rig"));
        origin = new ScriptedOrigin(script);
    }

    /** The bytes of the newest job's real clip, fetched from the simulator's media origin without a key. */
    private byte[] newestClip() {
        List<SimulatedJob> jobs = rig.sim().jobs();
        URI url = URI.create(jobs.get(jobs.size() - 1).outputUrl());
        try {
            return HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray())
                    .body();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.error.AuthenticationException;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Key, region and model must match: the host answers a key of another region exactly as a wrong
 * key, so the failure says the key may belong to another region or workspace and names the base
 * URL in use, never the key.
 */
class ModelStudioRegionKeyTest extends SimulatorTestSupport {
    private static final String BEIJING_KEY = "sk-beijing-0a1b2c3d4e5f";

    @Override
    Simulator.Builder configure(Simulator.Builder builder) {
        return builder.modelStudioOtherRegionKey(BEIJING_KEY);
    }

    @Test
    void aKeyOfAnotherRegionFailsNamingTheBaseUrlInUseNeverTheKey() throws IOException {
        for (boolean localImage : new boolean[] {false, true}) {
            RenderRequest.Builder request = request(ProviderId.MODELSTUDIO);
            if (!localImage) {
                request.images(java.util.List.of("https://images.example.com/horse.png"));
            }
            Throwable error = failure(engine.start(
                    request.build(), options().apiKey(ApiKey.of(BEIJING_KEY)).build()));
            assertThat(error)
                    .as(localImage ? "at the upload policy" : "at the submit")
                    .isExactlyInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("InvalidApiKey")
                    .hasMessageContaining("another region or workspace")
                    .hasMessageContaining(sim.modelStudioBaseUrl().toString())
                    .hasMessageContaining("a local simulator")
                    .hasMessageNotContaining(BEIJING_KEY)
                    .hasMessageNotContaining(KEY);
        }
        assertThat(sim.stats().otherRegionKeys()).isEqualTo(2);
        assertThat(sim.stats().requests(Route.MS_SUBMIT)).isEqualTo(1);
        assertThat(sim.stats().requests(Route.MS_POLICY)).isEqualTo(1);
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void aModelTheRegionDoesNotServeIsRefusedNamingTheRegion() {
        // happyhorse-9.9-r2v is a valid name, served nowhere: the host refuses it before any charge.
        Throwable error = failure(engine.start(
                RenderRequest.builder()
                        .provider(ProviderId.MODELSTUDIO)
                        .model("happyhorse-9.9-r2v")
                        .image("https://images.example.com/horse.png")
                        .prompt("a horse")
                        .build(),
                options().build()));
        assertThat(error)
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Model not exist")
                .hasMessageContaining("per region")
                .hasMessageContaining(sim.modelStudioBaseUrl().toString());
        assertThat(sim.stats().submissions()).isZero();
    }
}

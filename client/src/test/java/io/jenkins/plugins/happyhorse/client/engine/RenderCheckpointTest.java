package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.happyhorse.client.spec.AspectRatio;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RenderCheckpointTest {
    private final RenderCheckpoint cp = new RenderCheckpoint(
            ProviderId.ATLASCLOUD,
            URI.create("https://api.atlascloud.ai/api/v1"),
            "alibaba/happyhorse-1.0/reference-to-video",
            "a".repeat(64),
            "b".repeat(64),
            null,
            Instant.parse("2026-03-01T12:00:00Z"),
            Resolution.P1080,
            AspectRatio.R9_16,
            10,
            42L,
            new BigDecimal("2.40"));

    @Test
    void roundTripsThroughJsonWithAndWithoutAnId() {
        assertThat(RenderCheckpoint.fromJson(cp.toJson())).isEqualTo(cp);
        RenderCheckpoint withId = cp.withPredictionId("pred-1");
        RenderCheckpoint back = RenderCheckpoint.fromJson(withId.toJson());
        assertThat(back.predictionId()).isEqualTo("pred-1");
        assertThat(back.seed()).isEqualTo(42L);
        assertThat(back.estimatedCost()).isEqualByComparingTo("2.40");
        assertThat(back.resolution()).isEqualTo(Resolution.P1080);
    }

    @Test
    void roundTripsThroughJavaSerialization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(cp.withPredictionId("x"));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(cp.withPredictionId("x"));
        }
    }

    @Test
    void holdsNoSecretField() {
        assertThat(cp.toJson()).doesNotContainIgnoringCase("key").doesNotContainIgnoringCase("authorization");
    }

    @Test
    void refusesSomethingElse() {
        assertThatThrownBy(() -> RenderCheckpoint.fromJson("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RenderCheckpoint.fromJson("{\"provider\":\"x\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

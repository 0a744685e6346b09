package io.jenkins.plugins.happyhorse.client.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiKeyTest {
    @Test
    void masksItselfAndRedactsText() {
        ApiKey key = ApiKey.of("sk-live-123456");
        assertThat(key.toString()).doesNotContain("123456").contains("****");
        assertThat(String.valueOf(key)).doesNotContain("sk-live");
        assertThat(key.redact("echo: Bearer sk-live-123456!")).isEqualTo("echo: Bearer ****!");
        assertThat(key.reveal()).isEqualTo("sk-live-123456");
    }

    @Test
    void refusesAnEmptyKeyWithoutEchoingIt() {
        assertThatThrownBy(() -> ApiKey.of("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("API key is required");
        // Neutral: the plugin and the command line each name their own setting; no variable that
        // nothing reads.
        assertThatThrownBy(() -> ApiKey.of(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("HAPPYHORSE_API_KEY");
    }
}

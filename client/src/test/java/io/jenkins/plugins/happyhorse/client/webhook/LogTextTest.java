package io.jenkins.plugins.happyhorse.client.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {
    @Test
    void anUnverifiedValueShowsItsStartAndLengthOnly() {
        String key = "sk-live-7Q2mX9vB4nT8wK3p";
        assertThat(LogText.glimpse(key))
                .isEqualTo("'sk-live-…' (24 characters)")
                .doesNotContain(key);
    }

    @Test
    void aShortUnverifiedValueIsQuotedWhole() {
        assertThat(LogText.glimpse("evt_1")).isEqualTo("'evt_1'");
        assertThat(LogText.glimpse(null)).isEqualTo("(none)");
    }

    @Test
    void aStrangersLineBreaksCannotForgeALogLine() {
        assertThat(LogText.glimpse("a\nb")).isEqualTo("'a?b'");
        assertThat(LogText.clean("x\r\nINFO forged")).isEqualTo("x??INFO forged");
    }

    @Test
    void aFloodIsCutShort() {
        assertThat(LogText.clean("z".repeat(5000))).hasSize(LogText.MAX + 1).endsWith("…");
    }
}

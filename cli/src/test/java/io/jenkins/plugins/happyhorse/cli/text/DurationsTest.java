package io.jenkins.plugins.happyhorse.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsWhatPeopleType() {
        assertThat(Durations.parse("30m")).contains(Duration.ofMinutes(30));
        assertThat(Durations.parse("90s")).contains(Duration.ofSeconds(90));
        assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(Durations.parse(" 2H ")).contains(Duration.ofHours(2));
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("PT45M")).contains(Duration.ofMinutes(45));
    }

    @Test
    void refusesWhatIsNotAPositiveDuration() {
        assertThat(Durations.parse("30")).isEmpty();
        assertThat(Durations.parse("soon")).isEmpty();
        assertThat(Durations.parse("0s")).isEmpty();
        assertThat(Durations.parse("m30")).isEmpty();
        assertThat(Durations.parse("1h 30m")).isEmpty();
        assertThat(Durations.parse("")).isEmpty();
        assertThat(Durations.parse("PT-5M")).isEmpty();
    }

    @Test
    void writesThemShort() {
        assertThat(Durations.format(Duration.ofMillis(400))).isEqualTo("0.4s");
        assertThat(Durations.format(Duration.ofSeconds(125))).isEqualTo("2m05s");
        assertThat(Durations.format(Duration.ofMinutes(62))).isEqualTo("1h02m");
    }

    @Test
    void sizesReadInBinaryUnits() {
        assertThat(Sizes.bytes(812)).isEqualTo("812 B");
        assertThat(Sizes.bytes(52_270)).isEqualTo("51.0 KB");
        assertThat(Sizes.bytes(2_780_610)).isEqualTo("2.7 MB");
    }
}

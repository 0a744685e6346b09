package io.jenkins.plugins.happyhorse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.client.pricing.CostEstimate;
import io.jenkins.plugins.happyhorse.client.pricing.PriceList;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code estimate}: the price list's figure and formula, no key, no call. */
class EstimateCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "wavespeed, 720p, 5, 0.70",
        "wavespeed, 1080p, 10, 2.80",
        "wavespeed, 720p, 3, 0.42",
        "wavespeed, 1080p, 15, 4.20",
        "atlascloud, 720p, 5, 0.70",
        "atlascloud, 1080p, 10, 2.40"
    })
    void matchesTheFormula(String provider, String resolution, int seconds, String usd) {
        CliHarness.Result result = new CliHarness(dir)
                .run(
                        "estimate",
                        "--provider",
                        provider,
                        "--resolution",
                        resolution,
                        "--duration",
                        Integer.toString(seconds));

        CostEstimate expected = PriceList.defaults()
                .estimate(
                        ProviderId.parse(provider).orElseThrow(),
                        Resolution.parse(resolution).orElseThrow(),
                        seconds);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(expected.usd().toPlainString()).isEqualTo(usd);
        assertThat(result.out()).contains("Estimated cost: " + usd + " USD").contains("Formula: " + expected.formula());
    }

    @Test
    void showsTheWaveSpeedFormulaInFull() {
        CliHarness.Result result = new CliHarness(dir).run("estimate", "--resolution", "1080p", "--duration", "10");

        assertThat(result.out()).contains("Formula: 0.70 USD × 2 (1080p) × 10 s / 5 s");
    }

    @Test
    void reportsEveryInvalidValue() {
        CliHarness.Result result =
                new CliHarness(dir).run("estimate", "--resolution", "8k", "--duration", "two", "--provider", "acme");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("3 problems", "--resolution: 8k", "--duration: two", "--provider: acme");
    }
}

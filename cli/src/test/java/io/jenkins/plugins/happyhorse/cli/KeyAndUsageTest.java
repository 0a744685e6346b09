package io.jenkins.plugins.happyhorse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys come from the environment only; usage mistakes are one clear sentence and exit code 2. */
class KeyAndUsageTest {
    @TempDir
    Path dir;

    @Test
    void missingKeyNamesTheVariableInOneSentence() throws Exception {
        CliHarness cli = new CliHarness(dir).withExampleImages();

        CliHarness.Result result = cli.run("render", "--image", "product.png", "--prompt", "Turn", "--out", "c.mp4");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(result.err().strip())
                .startsWith("Error: WAVESPEED_API_KEY is not set")
                .doesNotContain("\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void missingAtlasCloudKeyNamesItsOwnVariable() throws Exception {
        CliHarness cli = new CliHarness(dir).withExampleImages().env("WAVESPEED_API_KEY", "sk-not-this-one");

        CliHarness.Result result = cli.run(
                "render", "--provider", "atlascloud", "--image", "product.png", "--prompt", "Turn", "--out", "c.mp4");

        assertThat(result.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(result.err()).contains("ATLASCLOUD_API_KEY is not set").doesNotContain("sk-not-this-one");
    }

    @Test
    void thereIsNoOptionForTheKey() {
        CliHarness.Result result = new CliHarness(dir).run("render", "--api-key", "sk-typed-1234", "--prompt", "x");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("Unknown option").contains("Run 'happyhorse help render' for the options.");
    }

    @Test
    void aCommandIsRequired() {
        CliHarness.Result result = new CliHarness(dir).run();

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("a command is required", "render", "estimate", "status", "simulate");
    }

    @Test
    void insecureBaseUrlIsRefusedBeforeAnyCall() throws Exception {
        CliHarness cli = new CliHarness(dir).withExampleImages().env("WAVESPEED_API_KEY", "sk-x-123456");

        CliHarness.Result result =
                cli.run("render", "--base-url", "http://api.example.com", "--image", "product.png", "--prompt", "Turn");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("--base-url: http://api.example.com is not allowed", "https");
    }

    @Test
    void baseUrlDoesNotGoWithTheBuiltInSimulator() throws Exception {
        CliHarness cli = new CliHarness(dir).withExampleImages();

        CliHarness.Result result = cli.run(
                "render",
                "--provider",
                "simulator",
                "--base-url",
                "http://127.0.0.1:9",
                "--image",
                "product.png",
                "--prompt",
                "Turn");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("--provider simulator starts its own simulator");
    }

    @Test
    void statusRefusesTheBuiltInSimulator() {
        CliHarness.Result result = new CliHarness(dir).run("status", "abc", "--provider", "simulator");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("--provider: simulator is not allowed", "--base-url");
    }

    @Test
    void versionIsPrinted() {
        CliHarness.Result result = new CliHarness(dir).run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("happyhorse ");
    }
}

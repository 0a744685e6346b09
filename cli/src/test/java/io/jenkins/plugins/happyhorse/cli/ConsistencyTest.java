package io.jenkins.plugins.happyhorse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands behave alike: help, suggestions, completion, the config file, advice about keys. */
class ConsistencyTest {
    /** The README's command for the built-in simulator. */
    static final Path README = CliHarness.EXAMPLES.resolve("../../README.md").normalize();

    @TempDir
    Path dir;

    static List<String> readmeRender() throws Exception {
        Matcher m = Pattern.compile("(?m)^\\./happyhorse (render --provider simulator .*)$")
                .matcher(Files.readString(README));
        assertThat(m.find()).as("the README's render command").isTrue();
        return Shell.words(m.group(1));
    }

    @Test
    void estimateAcceptsTheReadmesRenderCommandLineUnchanged() throws Exception {
        CliHarness cli = new CliHarness(dir);
        List<String> args = new ArrayList<>(readmeRender());
        args.set(0, "estimate");
        args.addAll(List.of("--max-cost", "0.50", "--timeout", "2h", "--force", "--state-dir", "s", "--verbose"));

        CliHarness.Result result = cli.run(args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("Estimated cost: 0.70 USD on WaveSpeed (the simulator bills nothing) for 5 s at 720p")
                .contains("Above --max-cost 0.50 USD");
        assertThat(dir.resolve("s")).doesNotExist();
    }

    @Test
    void helpNamesACommandsOptions() {
        CliHarness.Result help = new CliHarness(dir).run("help", "resume");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: happyhorse resume", "--state-dir", "--out");
    }

    @Test
    void aMistypedOptionOrCommandGetsASuggestion() {
        CliHarness.Result option = new CliHarness(dir).run("render", "--aspect-ratoi", "16:9");
        CliHarness.Result command = new CliHarness(dir).run("histroy");

        assertThat(option.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(option.err()).contains("Unknown options: '--aspect-ratoi'", "Possible solutions: --aspect-ratio");
        assertThat(command.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(command.err()).contains("history");
    }

    @Test
    void completionPrintsAScriptForEveryCommandAndHostValue() {
        CliHarness.Result bash = new CliHarness(dir).run("completion");
        CliHarness.Result zsh = new CliHarness(dir).run("completion", "zsh");

        assertThat(bash.exitCode()).isZero();
        assertThat(bash.out())
                .containsPattern("complete -F _complete_happyhorse[^\n]* happyhorse")
                .contains("render", "resume", "download", "history", "--state-dir", "--aspect-ratio")
                .contains("(\"wavespeed\" \"atlascloud\" \"modelstudio\" \"simulator\") # --provider values")
                .contains("(\"singapore\" \"beijing\") # --region values");
        assertThat(zsh.out()).isEqualTo(bash.out());
        assertThat(new CliHarness(dir).run("completion", "fish").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void theConfigFileSetsDefaultsThatOptionsOverride() throws Exception {
        CliHarness cli = new CliHarness(dir);
        Files.createDirectories(cli.configFile().getParent());
        Files.writeString(cli.configFile(), "provider = atlascloud\nresolution = 1080p\n");

        CliHarness.Result configured = cli.run("estimate", "--duration", "10");
        CliHarness.Result overridden = cli.run("estimate", "--duration", "10", "--resolution", "720p");

        assertThat(configured.out()).contains("2.40 USD on Atlas Cloud for 10 s at 1080p");
        assertThat(overridden.out()).contains("on Atlas Cloud for 10 s at 720p");
    }

    @Test
    void aBadValueInTheConfigFileIsNamedAfterTheFile() throws Exception {
        CliHarness cli = new CliHarness(dir);
        Files.createDirectories(cli.configFile().getParent());
        Files.writeString(cli.configFile(), "resolution=4k\n");

        CliHarness.Result result = cli.run("estimate");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("resolution (config.properties): 4k is not allowed");
    }

    @Test
    void aKeyInTheConfigFileIsRefusedWithoutShowingIt() throws Exception {
        CliHarness cli = new CliHarness(dir);
        Files.createDirectories(cli.configFile().getParent());
        Files.writeString(cli.configFile(), "provider=wavespeed\napi-key=sk-live-0a9b8c7d6e\n");

        CliHarness.Result result = cli.run("estimate");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err())
                .contains("sets 'api-key', which looks like an API key")
                .contains("WAVESPEED_API_KEY")
                .doesNotContain("sk-live-0a9b8c7d6e");
    }

    @Test
    void anUnknownSettingInTheConfigFileIsRefusedListingTheKnownOnes() throws Exception {
        CliHarness cli = new CliHarness(dir);
        Files.createDirectories(cli.configFile().getParent());
        Files.writeString(cli.configFile(), "resoluton=1080p\n");

        CliHarness.Result result = cli.run("estimate");

        assertThat(result.err()).contains("resoluton").contains("allowed: provider, resolution, aspect-ratio");
    }

    @Test
    void statusWithoutAKeyNamesTheVariableAndTheOtherHosts() {
        CliHarness.Result result = new CliHarness(dir).run("status", "abc123");

        assertThat(result.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(result.err())
                .contains("WAVESPEED_API_KEY is not set")
                .contains("status asks WaveSpeed, where the job was submitted")
                .contains("--provider atlascloud with ATLASCLOUD_API_KEY")
                .doesNotContain("--provider simulator");
    }

    @Test
    void statusWithoutAKeyAgainstALocalSimulatorSaysWhichKeyItTakes() {
        CliHarness.Result result = new CliHarness(dir).run("status", "abc123", "--base-url", "http://127.0.0.1:8765");

        assertThat(result.err()).contains("set it to the key the simulator printed (hh-sim-test-key");
    }
}

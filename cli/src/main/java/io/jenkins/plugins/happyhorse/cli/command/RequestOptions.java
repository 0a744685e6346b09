package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.cli.config.CliConfig;
import io.jenkins.plugins.happyhorse.cli.host.Hosts;
import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.client.request.ParsedClip;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.AspectRatio;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The options that describe a render, shared by {@code render} and {@code estimate}; they mirror
 * the Jenkins Pipeline step's parameters. Every value is taken as typed, so that one pass can
 * report every problem at once rather than stopping at the first unreadable number. The host, the
 * resolution and the aspect ratio default to the config file's, then to the built-in defaults.
 */
public final class RequestOptions {
    /** The {@code --provider} value that starts the built-in simulator. */
    public static final String SIMULATOR = Hosts.SIMULATOR;

    static final String DURATION_ALLOWED = "an integer from 3 to 15 (seconds)";
    static final String SEED_ALLOWED = "an integer from 0 to 2147483647, or none for random";
    private static final String STAND_IN_IMAGE = "https://stand-in.invalid/image.png";
    private static final String STAND_IN_PROMPT = "a stand-in for the prompt an estimate does not need";
    private static final Pattern URL_LIKE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);

    @Option(
            names = "--image",
            paramLabel = "PATH|URL",
            description = "A reference image: a local png, jpeg or webp file (at most 20 MB; on Model Studio at most"
                    + " 10 MB and 400 px on its short side) or an https URL. Repeat for up to 9 images.")
    List<String> images = new ArrayList<>();

    @Option(names = "--prompt", paramLabel = "TEXT", description = "What happens in the clip (1 to 2,500 characters).")
    String prompt;

    @Option(
            names = "--resolution",
            paramLabel = "720p|1080p",
            completionCandidates = Resolutions.class,
            description = "Picture size (default 720p).")
    String resolution;

    @Option(
            names = "--aspect-ratio",
            paramLabel = "RATIO",
            completionCandidates = AspectRatios.class,
            description = "16:9, 9:16, 1:1, 4:3 or 3:4 (default 16:9).")
    String aspectRatio;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Clip length, 3 to 15 seconds (default 5).")
    String duration;

    @Option(names = "--seed", paramLabel = "N", description = "0 to 2147483647 for a repeatable clip (default random).")
    String seed;

    @Option(
            names = "--provider",
            paramLabel = "HOST",
            completionCandidates = Hosts.ProviderCandidates.class,
            description = "${COMPLETION-CANDIDATES}: the host, or a local simulator of it (no key, no network, no"
                    + " cost). Default wavespeed.")
    String provider;

    @Option(
            names = "--simulator-host",
            paramLabel = "HOST",
            completionCandidates = Hosts.HostCandidates.class,
            description = "With --provider simulator: which host's API the simulator plays (default wavespeed).")
    String simulatorHost;

    @Option(
            names = "--model",
            paramLabel = "MODEL",
            description = "The host's model id (default: alibaba/happyhorse-1.0/reference-to-video on WaveSpeed and"
                    + " Atlas Cloud, happyhorse-1.0-r2v on Model Studio).")
    String model;

    @Option(
            names = "--watermark",
            description = "With --provider modelstudio: have the host draw its mark on the clip (default off).")
    boolean watermark;

    /**
     * Reads the options into a clip for the host they name, parsed once, with every problem found.
     *
     * @param needsContent whether images and a prompt are required and read (a render), or left
     *     out and never read (an estimate prices the host, resolution and duration alone)
     */
    public ParsedRequest parse(CliContext context, boolean needsContent, CliConfig config) {
        List<Violation> problems = new ArrayList<>();
        String providerField = "--provider";
        String providerTyped = provider;
        if (providerTyped == null && config.get(CliConfig.PROVIDER).isPresent()) {
            providerTyped = config.get(CliConfig.PROVIDER).get();
            providerField = config.field(CliConfig.PROVIDER);
        }
        boolean simulated = Hosts.isSimulator(providerTyped);
        ProviderId host = ProviderId.WAVESPEED;
        if (simulated) {
            if (simulatorHost != null) {
                Optional<ProviderId> played = ProviderId.parse(simulatorHost).filter(Hosts.simulated()::contains);
                if (played.isPresent()) {
                    host = played.get();
                } else {
                    problems.add(new Violation("--simulator-host", simulatorHost, Hosts.ids(Hosts.simulated())));
                }
            }
        } else {
            if (providerTyped != null) {
                Optional<ProviderId> named = ProviderId.parse(providerTyped);
                if (named.isPresent()) {
                    host = named.get();
                } else {
                    problems.add(new Violation(providerField, providerTyped, Hosts.providerValues()));
                }
            }
            if (simulatorHost != null) {
                problems.add(new Violation(
                        "--simulator-host",
                        simulatorHost,
                        "only together with --provider simulator",
                        "the provider is not the simulator"));
            }
        }

        RenderRequest.Builder builder = RenderRequest.builder()
                .provider(host)
                .model(model)
                .watermark(watermark)
                .resolution(
                        resolution == null ? config.get(CliConfig.RESOLUTION).orElse(null) : resolution)
                .aspectRatio(
                        aspectRatio == null ? config.get(CliConfig.ASPECT_RATIO).orElse(null) : aspectRatio);
        if (needsContent) {
            builder.prompt(prompt);
            for (String image : images) {
                builder.image(relativeToCaller(context, image));
            }
        } else {
            // An estimate prices the host, resolution and duration: it never reads the images, and
            // stand-ins take the place of the content, given or not.
            builder.image(STAND_IN_IMAGE).prompt(STAND_IN_PROMPT);
        }
        if (duration != null) {
            parseInt(duration)
                    .ifPresentOrElse(
                            builder::duration,
                            () -> problems.add(new Violation("--duration", duration, DURATION_ALLOWED)));
        }
        if (seed != null) {
            parseLong(seed)
                    .ifPresentOrElse(builder::seed, () -> problems.add(new Violation("--seed", seed, SEED_ALLOWED)));
        }
        ParsedClip clip = builder.build().parse();
        for (Violation v : clip.violations()) {
            problems.add(fromConfig(asTyped(asOption(v)), config));
        }
        return new ParsedRequest(clip.spec().orElse(null), host, simulated, problems);
    }

    /** A violation of a value the config file gave (not the command line), named after the file's setting. */
    private Violation fromConfig(Violation v, CliConfig config) {
        if (v.field().equals("--resolution") && resolution == null) {
            return new Violation(config.field(CliConfig.RESOLUTION), v.value(), v.allowed(), v.reason());
        }
        if (v.field().equals("--aspect-ratio") && aspectRatio == null) {
            return new Violation(config.field(CliConfig.ASPECT_RATIO), v.value(), v.allowed(), v.reason());
        }
        return v;
    }

    /** The engine's violation named after the option and showing the value as typed. */
    Violation named(Violation v) {
        return asTyped(asOption(v));
    }

    /**
     * A relative image path as the caller meant it: from the context's directory, which is the
     * process's own unless a caller running the command in-process chose another.
     */
    private static String relativeToCaller(CliContext context, String typed) {
        if (typed == null || typed.isBlank() || URL_LIKE.matcher(typed.strip()).matches()) {
            return typed;
        }
        try {
            Path path = Path.of(typed);
            if (path.isAbsolute()
                    || context.workingDirectory().equals(Path.of("").toAbsolutePath())) {
                return typed; // keeps the path as typed in messages
            }
            return context.resolve(typed).toString();
        } catch (InvalidPathException e) {
            return typed; // validation reports it
        }
    }

    /** An image violation showing the path as typed, not as resolved against the working directory. */
    private Violation asTyped(Violation v) {
        if (!v.field().startsWith("--image #")) {
            return v;
        }
        int index = Integer.parseInt(v.field().substring("--image #".length())) - 1;
        if (index < 0 || index >= images.size()) {
            return v;
        }
        String typed = images.get(index);
        if (typed.contains("://")) {
            return v; // a URL is shown as the engine shows it: without any password it carries
        }
        return new Violation(v.field(), typed, v.allowed(), v.reason());
    }

    /** The engine's violation, named after the command-line option the user typed. */
    static Violation asOption(Violation v) {
        String field = v.field();
        String option;
        if (field.startsWith("images[")) {
            int index = Integer.parseInt(field.substring("images[".length(), field.length() - 1));
            option = "--image #" + (index + 1);
        } else {
            option = switch (field) {
                case "images" -> "--image";
                case "aspectRatio" -> "--aspect-ratio";
                case "output" -> "--out";
                case "webhook" -> WebhookUrlOption.NAME;
                case "model" -> "--model";
                default -> "--" + field;
            };
        }
        return new Violation(option, v.value(), v.allowed(), v.reason());
    }

    /** The resolutions, for shell completion. */
    static final class Resolutions implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Resolution.values()).map(Resolution::wire).iterator();
        }
    }

    /** The aspect ratios, for shell completion. */
    static final class AspectRatios implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(AspectRatio.values()).map(AspectRatio::wire).iterator();
        }
    }

    private static Optional<Integer> parseInt(String text) {
        try {
            return Optional.of(Integer.valueOf(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.valueOf(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

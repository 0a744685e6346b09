package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.cli.config.CliConfig;
import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.client.reuse.ReusePolicy;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of {@code render} beyond the clip itself: where the clip goes, the cost limit, the
 * timeout, a dry run, reuse of an identical earlier render, the host's address and the callback URL. {@code estimate} accepts them too, so that a render
 * command line can be priced unchanged, and ignores them.
 */
public final class RenderOnlyOptions {
    /** The default overall timeout. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where to save the clip, a file ending in .mp4 (default happyhorse.mp4).")
    String out = "happyhorse.mp4";

    @Option(names = "--force", description = "Replace the --out file if it exists.")
    boolean force;

    @Option(
            names = "--max-cost",
            paramLabel = "USD",
            description = "Refuse, before any call, a render estimated above this many US dollars.")
    String maxCost;

    @Option(names = "--dry-run", description = "Validate and estimate only; nothing is sent.")
    boolean dryRun;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "Give up waiting after this long, e.g. 90s, 30m, 2h (default 30m). The job may still"
                    + " finish on the host; the message says how to collect it.")
    String timeout;

    @Option(
            names = "--reuse",
            paramLabel = "WHEN",
            description = "auto (default): with --seed, reuse the clip of an identical earlier render instead of"
                    + " paying again; always: reuse even without a seed; never: render and pay every time.")
    String reuse = "auto";

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description = "The host's API base URL, instead of its documented one (e.g. a simulator started with"
                    + " 'happyhorse simulate').")
    String baseUrl;

    @Option(names = WebhookUrlOption.NAME, paramLabel = "URL", description = WebhookUrlOption.DESCRIPTION)
    String webhookUrl;

    /** The callback URL, or null for none (or when it is not a URL: then a problem is added). */
    URI webhook(boolean simulated, List<Violation> problems) {
        return WebhookUrlOption.parse(webhookUrl, simulated, problems);
    }

    @Option(
            names = "--region",
            paramLabel = "REGION",
            completionCandidates = Regions.class,
            description = "With --provider modelstudio: the region the key was made in, singapore or beijing, or a"
                    + " workspace's base URL https://WORKSPACE.REGION.maas.aliyuncs.com (default singapore).")
    String region;

    /** The output path, checked; empty with a problem added when it cannot take the clip. */
    Optional<Path> output(CliContext context, List<Violation> problems) {
        return Outputs.check(context, out, force, problems);
    }

    /** The cost limit, or null for none (or when invalid: then a problem is added). */
    BigDecimal maxCost(List<Violation> problems) {
        if (maxCost == null) {
            return null;
        }
        try {
            BigDecimal usd = new BigDecimal(maxCost.strip());
            if (usd.signum() >= 0) {
                return usd;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new Violation("--max-cost", maxCost, "an amount of US dollars of zero or more, e.g. 2.50"));
        return null;
    }

    /** When to reuse an identical earlier render; {@code auto} (with a problem added) when invalid. */
    ReusePolicy reuse(List<Violation> problems) {
        Optional<ReusePolicy> policy = ReusePolicy.parse(reuse);
        if (policy.isEmpty()) {
            problems.add(new Violation("--reuse", reuse, "auto, always or never"));
        }
        return policy.orElse(ReusePolicy.AUTO);
    }

    Duration timeout(List<Violation> problems) {
        return HostOptions.timeout(timeout, DEFAULT_TIMEOUT, problems);
    }

    /**
     * The base URL for {@code host}: {@code --base-url} or {@code --region}, else the config file's,
     * else null for the documented one.
     */
    URI baseUrl(ProviderId host, boolean simulated, CliConfig config, List<Violation> problems) {
        if (simulated) {
            if (baseUrl != null) {
                problems.add(new Violation(
                        "--base-url",
                        baseUrl,
                        "only with a host, not with --provider simulator",
                        "--provider simulator starts its own simulator"));
            }
            if (region != null) {
                problems.add(new Violation(
                        "--region",
                        region,
                        "only with a host, not with --provider simulator",
                        "--provider simulator starts its own simulator"));
            }
            return null;
        }
        return HostOptions.baseUrl(baseUrl, region, host, config, problems);
    }
}

package io.jenkins.plugins.happyhorse.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.cli.config.CliConfig;
import io.jenkins.plugins.happyhorse.cli.json.JsonDocument;
import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.runtime.CommandFailure;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.client.pricing.CostEstimate;
import io.jenkins.plugins.happyhorse.client.pricing.PriceList;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code happyhorse estimate}: what a render would cost, and how that is worked out, from the
 * configured price list alone. No call, no key, no file read. It accepts a render command line
 * unchanged: the options a price does not depend on are ignored, not refused.
 */
@Command(
        name = "estimate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Prints what a render would cost and the formula used; makes no call, needs no key and reads no file.",
            "Accepts a render command line unchanged: the price depends on the host, the resolution and the"
                    + " duration; the other options (images, prompt, --out, ...) are ignored."
        })
public final class EstimateCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    RequestOptions request;

    @Mixin
    RenderOnlyOptions ignored;

    /** Accepted so that a render command line is priced unchanged; a price needs no state folder. */
    @Mixin
    StateOptions state;

    @Mixin
    JsonOption json;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    public EstimateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Reporter reporter = new Reporter(context.err(), verbose);
        JsonDocument doc = json.json ? JsonDocument.of("estimate") : null;
        int code;
        try {
            code = estimate(reporter, doc);
        } catch (CommandFailure e) {
            code = reporter.failure(e);
        }
        if (doc != null) {
            context.out().println(doc.end(code, code == ExitCode.OK ? null : reporter.last()));
        }
        return code;
    }

    private int estimate(Reporter reporter, JsonDocument doc) {
        CliConfig config = CliConfig.load(context.env(), context.workingDirectory());
        ParsedRequest parsed = request.parse(context, false, config);
        if (!parsed.problems().isEmpty()) {
            return reporter.invalid(parsed.problems());
        }
        ClipSpec r = parsed.spec();
        CostEstimate estimate = PriceList.defaults().estimate(r);
        // --max-cost is a render's; said here only because the same command line would be refused.
        BigDecimal limit = ignored.maxCost(new ArrayList<Violation>());
        boolean over = limit != null && estimate.usd().compareTo(limit) > 0;
        if (doc != null) {
            ObjectNode e = doc.root().putObject("estimate");
            e.put("usd", estimate.usd().toPlainString());
            e.put("formula", estimate.formula());
            e.put("host", parsed.host().id());
            e.put("simulated", parsed.simulated());
            e.put("billed", !parsed.simulated());
            e.put("resolution", r.resolution().wire());
            e.put("aspectRatio", r.aspectRatio().wire());
            e.put("durationSeconds", r.durationSeconds());
            e.put("overMaxCost", over);
            return ExitCode.OK;
        }
        String host = parsed.host().displayName() + (parsed.simulated() ? " (the simulator bills nothing)" : "");
        context.out()
                .println("Estimated cost: " + estimate.usd().toPlainString() + " USD on " + host + " for "
                        + r.durationSeconds() + " s at " + r.resolution().wire());
        context.out().println("Formula: " + estimate.formula());
        if (over) {
            context.out()
                    .println("Above --max-cost " + limit.toPlainString()
                            + " USD: render would refuse this command line before any call.");
        }
        return ExitCode.OK;
    }
}

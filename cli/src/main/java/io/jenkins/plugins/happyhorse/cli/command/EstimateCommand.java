package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.cli.CliContext;
import io.jenkins.plugins.happyhorse.cli.ExitCode;
import io.jenkins.plugins.happyhorse.client.pricing.CostEstimate;
import io.jenkins.plugins.happyhorse.client.pricing.PriceList;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code happyhorse estimate}: what a render would cost, and how that is worked out, from the
 * configured price list alone. No call, no key.
 */
@Command(
        name = "estimate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Prints what a render would cost and the formula used; makes no call and needs no key.",
            "Takes the same options as render; images and prompt may be left out."
        })
public final class EstimateCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    RequestOptions request;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    public EstimateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Reporter reporter = new Reporter(context.err(), verbose);
        ParsedRequest parsed = request.parse(context, false);
        if (!parsed.problems().isEmpty()) {
            return reporter.invalid(parsed.problems());
        }
        ClipSpec r = parsed.spec();
        CostEstimate estimate = PriceList.defaults().estimate(r);
        String host = parsed.host().displayName() + (parsed.simulated() ? " (the simulator bills nothing)" : "");
        context.out()
                .println("Estimated cost: " + estimate.usd().toPlainString() + " USD on " + host + " for "
                        + r.durationSeconds() + " s at " + r.resolution().wire());
        context.out().println("Formula: " + estimate.formula());
        return ExitCode.OK;
    }
}

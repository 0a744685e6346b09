package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.error.CostLimitExceededException;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.pricing.CostEstimate;
import io.jenkins.plugins.happyhorse.client.request.ParsedClip;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.ImageLimits;
import io.jenkins.plugins.happyhorse.client.spec.ImageSource;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@link RenderEngine#preflight} found out about a spec under some options, without any
 * call: what it would cost and every problem that would stop it (a host's image limits, the
 * output path), and whether the estimate is above the cost limit. {@link
 * RenderEngine#render(Preflight)} renders exactly what was checked.
 *
 * @param spec the clip
 * @param options how it would be rendered
 * @param estimate what it would cost
 * @param problems every problem found, each naming the field, the value and what is allowed
 */
public record Preflight(ClipSpec spec, RenderOptions options, CostEstimate estimate, List<Violation> problems) {
    /**
     * Checks {@code spec} with {@code options} without any call: each local image against its
     * host's {@code limits} (with the facts read when the spec was parsed), and where the clip goes.
     */
    static Preflight check(ClipSpec spec, RenderOptions options, ImageLimits limits, CostEstimate estimate) {
        List<Violation> problems = new ArrayList<>();
        for (int i = 0; i < spec.images().size(); i++) {
            if (spec.images().get(i) instanceof ImageSource.LocalImage local) {
                limits.check("images[" + i + "]", local.path().toString(), local.facts())
                        .ifPresent(problems::add);
            }
        }
        // Where the clip goes is checked too: found out after the download, it would be paid for.
        problems.addAll(OutputPathCheck.check(options.output()));
        return new Preflight(spec, options, estimate, problems);
    }

    /**
     * Parses {@code request} and hands its spec to {@code check}; a request that does not parse is
     * refused with every violation, where the clip goes included.
     *
     * @throws InvalidRequestException when the request does not parse
     */
    static Preflight parse(RenderRequest request, RenderOptions options, Function<ClipSpec, Preflight> check) {
        ParsedClip parsed = request.parse();
        if (parsed.isValid()) {
            return check.apply(parsed.orElseThrow());
        }
        List<Violation> violations = new ArrayList<>(parsed.violations());
        // Where the clip goes is checked now too: found out after the download, it would be paid for.
        violations.addAll(OutputPathCheck.check(options.output()));
        throw new InvalidRequestException(violations);
    }

    public Preflight {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(estimate, "estimate");
        problems = List.copyOf(problems);
    }

    /** Whether the estimate is above the options' cost limit. */
    public boolean overCostLimit() {
        return options.maxCost() != null && estimate.usd().compareTo(options.maxCost()) > 0;
    }

    /** Whether a render would go ahead: no problem, and within the cost limit. */
    public boolean cleared() {
        return problems.isEmpty() && !overCostLimit();
    }

    /**
     * The failure a render would end with before any call: every problem at once, or else the
     * cost limit; empty when {@link #cleared()}.
     */
    public Optional<RenderException> refusal() {
        if (!problems.isEmpty()) {
            return Optional.of(new InvalidRequestException(problems));
        }
        if (overCostLimit()) {
            return Optional.of(new CostLimitExceededException(estimate.usd(), options.maxCost(), estimate.formula()));
        }
        return Optional.empty();
    }
}

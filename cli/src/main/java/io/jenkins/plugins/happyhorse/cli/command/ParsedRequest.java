package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.util.List;

/**
 * The clip the options describe, the host it goes to, and every problem found in the options.
 *
 * @param spec the clip, or null when the options were invalid (then {@code problems} says why)
 * @param host the host whose API is used (the one the simulator plays when {@code simulated})
 * @param simulated whether {@code --provider simulator} was asked for
 * @param problems every violation, named after the options
 */
public record ParsedRequest(ClipSpec spec, ProviderId host, boolean simulated, List<Violation> problems) {
    public ParsedRequest {
        problems = List.copyOf(problems);
    }
}

package io.jenkins.plugins.happyhorse.client.error;

import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The request is invalid: either the engine found violations before any call (all of them at
 * once, see {@link #violations()}), or the host refused the submit with HTTP 400 (see {@link
 * #hostMessage()}). In both cases nothing was rendered.
 */
public final class InvalidRequestException extends RenderException {
    private static final long serialVersionUID = 1L;

    private final List<Violation> violations;
    private final String hostMessage;

    /** Violations found by {@link RenderRequest#validate()}. */
    public InvalidRequestException(List<Violation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
        this.hostMessage = null;
    }

    private InvalidRequestException(String message, String hostMessage) {
        super(message);
        this.violations = List.of();
        this.hostMessage = hostMessage;
    }

    /** The host refused the submit as invalid; {@code hostMessage} is its own words (key removed). */
    public static InvalidRequestException rejectedByHost(String host, int status, String hostMessage) {
        return new InvalidRequestException(
                host + " refused the request as invalid (HTTP " + status + "): " + hostMessage
                        + ". Nothing was rendered; correct the request and render again.",
                hostMessage);
    }

    /** Every violation found by the engine; empty when the host refused the request. */
    public List<Violation> violations() {
        return violations;
    }

    /** The host's message when it refused the request, else null. */
    public String hostMessage() {
        return hostMessage;
    }

    private static String describe(List<Violation> violations) {
        return "The render request is invalid (" + violations.size() + " problem" + (violations.size() == 1 ? "" : "s")
                + "); nothing was sent to the host. Correct these and try again:\n"
                + violations.stream().map(v -> "  - " + v.message()).collect(Collectors.joining("\n"));
    }
}

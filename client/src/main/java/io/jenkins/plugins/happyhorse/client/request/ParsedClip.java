package io.jenkins.plugins.happyhorse.client.request;

import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a draft parses into: a {@link ClipSpec}, or every violation found, never both. */
public final class ParsedClip {
    private final ClipSpec spec;
    private final List<Violation> violations;

    private ParsedClip(ClipSpec spec, List<Violation> violations) {
        this.spec = spec;
        this.violations = List.copyOf(violations);
    }

    static ParsedClip valid(ClipSpec spec) {
        return new ParsedClip(Objects.requireNonNull(spec, "spec"), List.of());
    }

    static ParsedClip invalid(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("An invalid draft has at least one violation");
        }
        return new ParsedClip(null, violations);
    }

    /** Whether the draft was valid. */
    public boolean isValid() {
        return spec != null;
    }

    /** The spec, present when the draft was valid. */
    public Optional<ClipSpec> spec() {
        return Optional.ofNullable(spec);
    }

    /** Every violation, each naming the field, the value and what is allowed; empty when valid. */
    public List<Violation> violations() {
        return violations;
    }

    /**
     * The spec.
     *
     * @throws InvalidRequestException carrying every violation when the draft was invalid
     */
    public ClipSpec orElseThrow() {
        if (spec == null) {
            throw new InvalidRequestException(violations);
        }
        return spec;
    }

    @Override
    public String toString() {
        return spec != null ? "ParsedClip{" + spec + "}" : "ParsedClip{" + violations.size() + " violations}";
    }
}

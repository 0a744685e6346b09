package io.jenkins.plugins.happyhorse.client.pricing;

import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a request is expected to cost, worked out without any call.
 *
 * @param usd the estimate in US dollars, rounded to cents
 * @param formula how it was worked out, e.g. {@code 0.70 USD × 2 (1080p) × 10 s / 5 s}
 * @param provider the host whose price list was used
 */
public record CostEstimate(BigDecimal usd, String formula, ProviderId provider) implements Serializable {
    private static final long serialVersionUID = 1L;

    public CostEstimate {
        Objects.requireNonNull(usd, "usd");
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(provider, "provider");
    }

    @Override
    public String toString() {
        return usd.toPlainString() + " USD (" + formula + ", " + provider.displayName() + ")";
    }
}

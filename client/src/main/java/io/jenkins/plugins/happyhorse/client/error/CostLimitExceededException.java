package io.jenkins.plugins.happyhorse.client.error;

import java.math.BigDecimal;

/** The request's estimated cost is above the caller's limit; it was refused before any call. */
public final class CostLimitExceededException extends RenderException {
    private static final long serialVersionUID = 1L;

    private final BigDecimal estimate;
    private final BigDecimal limit;

    public CostLimitExceededException(BigDecimal estimate, BigDecimal limit, String formula) {
        super("The estimated cost " + estimate.toPlainString() + " USD (" + formula + ") is above the limit of "
                + limit.toPlainString()
                + " USD; nothing was sent to the host. Raise the cost limit, or lower the duration"
                + " or resolution.");
        this.estimate = estimate;
        this.limit = limit;
    }

    /** The estimated cost in USD. */
    public BigDecimal estimate() {
        return estimate;
    }

    /** The caller's limit in USD. */
    public BigDecimal limit() {
        return limit;
    }
}

package io.jenkins.plugins.happyhorse.simulator.fault;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One misbehaviour of a host's completion callback (a webhook), applied to one delivery by a
 * {@link FaultPlan}. Immutable. Whatever happens to the callback, the job itself is unaffected and
 * still answers polls.
 */
public final class WebhookFault {
    /** How far in the past an {@link #outOfOrder()} callback's timestamp lies. */
    public static final Duration OUT_OF_ORDER_AGE = Duration.ofSeconds(60);

    /** The kinds of fault. */
    public enum Kind {
        /** Never sent. */
        LOST,
        /** Sent twice, byte for byte the same (same id, timestamp and signature). */
        DUPLICATED,
        /** Signed when the job ends, sent only after a delay (on the simulator's clock). */
        DELAYED,
        /** Sent with a signature that does not match (the signature bytes are damaged). */
        FORGED,
        /** Signed with a key the host does not publish (Atlas Cloud: under the published key id). */
        WRONG_KEY,
        /** Atlas Cloud: signed with a key under a key id the host does not publish (WaveSpeed: as WRONG_KEY). */
        UNKNOWN_KEY,
        /**
         * Sent, then followed by a second, genuinely signed callback of an earlier state ("processing")
         * whose timestamp lies {@link #OUT_OF_ORDER_AGE} in the past: the older event arrives last.
         */
        OUT_OF_ORDER
    }

    private final Kind kind;
    private final Duration delay;

    private WebhookFault(Kind kind, Duration delay) {
        this.kind = kind;
        this.delay = delay;
    }

    /** The callback is never sent. */
    public static WebhookFault lost() {
        return new WebhookFault(Kind.LOST, Duration.ZERO);
    }

    /** The callback is sent twice, identical. */
    public static WebhookFault duplicated() {
        return new WebhookFault(Kind.DUPLICATED, Duration.ZERO);
    }

    /**
     * The callback is signed (timestamped) when the job ends and sent {@code delay} later, simulated
     * time; more than 300 s puts it past the freshness window receivers enforce.
     */
    public static WebhookFault delayed(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative: " + delay);
        }
        return new WebhookFault(Kind.DELAYED, delay);
    }

    /** The callback's signature is damaged. */
    public static WebhookFault forged() {
        return new WebhookFault(Kind.FORGED, Duration.ZERO);
    }

    /** The callback is signed with a key (or secret) other than the host's published one. */
    public static WebhookFault wrongKey() {
        return new WebhookFault(Kind.WRONG_KEY, Duration.ZERO);
    }

    /** Atlas Cloud: signed with another key under an unpublished key id. */
    public static WebhookFault unknownKey() {
        return new WebhookFault(Kind.UNKNOWN_KEY, Duration.ZERO);
    }

    /** The callback is followed by an older event's callback, genuinely signed. */
    public static WebhookFault outOfOrder() {
        return new WebhookFault(Kind.OUT_OF_ORDER, Duration.ZERO);
    }

    public Kind kind() {
        return kind;
    }

    /** The delay of a {@link Kind#DELAYED} fault; zero otherwise. */
    public Duration delay() {
        return delay;
    }

    @Override
    public String toString() {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return kind == Kind.DELAYED ? name + "(" + delay + ")" : name;
    }
}

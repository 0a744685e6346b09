package io.jenkins.plugins.happyhorse.simulator.fault;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One misbehaviour of a host or of the network, applied to one request by a {@link FaultPlan}.
 * Immutable.
 *
 * <p>Faults that stop a request before it is handled ({@link #status}, {@link #reset},
 * {@link #noReply}, {@link #redirect}, {@link #malformedJson}) leave no trace: no job is
 * created or charged. {@link #lostSubmitReply} handles the request first (a submission creates
 * and charges the job) and then drops the connection. {@link #truncatedBody} and
 * {@link #corruptBody} handle the request and damage the reply's body. {@link #delay} waits,
 * then handles the request normally.
 */
public final class Fault {

    /** The kinds of fault. */
    public enum Kind {
        STATUS,
        RESET,
        DELAY,
        NO_REPLY,
        LOST_SUBMIT_REPLY,
        MALFORMED_JSON,
        TRUNCATED_BODY,
        CORRUPT_BODY,
        REDIRECT
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;
    private final Duration delay;
    private final URI location;

    private Fault(Kind kind, int status, Duration retryAfter, Duration delay, URI location) {
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.delay = delay;
        this.location = location;
    }

    /**
     * Answers with this HTTP status and the host's error body, without handling the request.
     * No {@code Retry-After} unless {@link #retryAfter} adds one.
     */
    public static Fault status(int status) {
        if (status < 300 || status > 599) {
            throw new IllegalArgumentException("a fault status must be an error or redirect status: " + status);
        }
        return new Fault(Kind.STATUS, status, null, null, null);
    }

    /** Closes the connection without any reply. */
    public static Fault reset() {
        return new Fault(Kind.RESET, 0, null, null, null);
    }

    /** Waits this long in real time (holding no thread), then handles the request normally. */
    public static Fault delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative: " + delay);
        }
        return new Fault(Kind.DELAY, 0, null, delay, null);
    }

    /**
     * Never answers: the connection stays open until the client gives up, the simulator's hold
     * limit passes, or the simulator closes.
     */
    public static Fault noReply() {
        return new Fault(Kind.NO_REPLY, 0, null, null, null);
    }

    /**
     * Handles the request (a submission creates and charges the job), then closes the
     * connection without the reply.
     */
    public static Fault lostSubmitReply() {
        return new Fault(Kind.LOST_SUBMIT_REPLY, 0, null, null, null);
    }

    /** Answers 200 with a JSON content type and a body that is not valid JSON. */
    public static Fault malformedJson() {
        return new Fault(Kind.MALFORMED_JSON, 0, null, null, null);
    }

    /** Handles the request, announces the full length, sends half the body and closes. */
    public static Fault truncatedBody() {
        return new Fault(Kind.TRUNCATED_BODY, 0, null, null, null);
    }

    /**
     * Handles the request and sends a body of the right length whose first 4 KiB are scrambled
     * (for a clip: the ftyp and moov boxes).
     */
    public static Fault corruptBody() {
        return new Fault(Kind.CORRUPT_BODY, 0, null, null, null);
    }

    /** Answers 302 with this {@code Location}, without handling the request. */
    public static Fault redirect(URI location) {
        return new Fault(Kind.REDIRECT, 302, null, null, Objects.requireNonNull(location, "location"));
    }

    /**
     * This status fault with a {@code Retry-After} header (whole seconds, rounded up). Atlas
     * Cloud never sends that header, so the simulator leaves it out on Atlas Cloud routes.
     */
    public Fault retryAfter(Duration after) {
        if (kind != Kind.STATUS) {
            throw new IllegalStateException("Retry-After only goes with a status fault, not " + kind);
        }
        if (after.isNegative()) {
            throw new IllegalArgumentException("Retry-After cannot be negative: " + after);
        }
        return new Fault(kind, status, after, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status of a status or redirect fault, 0 otherwise. */
    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The delay of a delay fault, zero otherwise. */
    public Duration delay() {
        return delay == null ? Duration.ZERO : delay;
    }

    /** The target of a redirect fault. */
    public Optional<URI> location() {
        return Optional.ofNullable(location);
    }

    @Override
    public String toString() {
        switch (kind) {
            case STATUS:
                return "status(" + status + (retryAfter == null ? ")" : ").retryAfter(" + retryAfter + ")");
            case DELAY:
                return "delay(" + delay + ")";
            case REDIRECT:
                return "redirect(" + location + ")";
            default:
                return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

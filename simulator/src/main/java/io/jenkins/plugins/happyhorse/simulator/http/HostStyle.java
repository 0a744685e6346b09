package io.jenkins.plugins.happyhorse.simulator.http;

/**
 * How one origin shapes what every reply has in common: the error body, extra headers such as
 * Atlas Cloud's {@code X-Request-ID}, and whether it ever sends {@code Retry-After}.
 */
public interface HostStyle {

    /** An error reply with this status and message. */
    Reply error(int status, String message, Call call);

    /** Adds the headers every reply of this origin carries. */
    default void decorate(Reply reply, Call call) {}

    /** Whether this origin sends {@code Retry-After} with a 429 or 503. */
    default boolean sendsRetryAfter() {
        return true;
    }
}

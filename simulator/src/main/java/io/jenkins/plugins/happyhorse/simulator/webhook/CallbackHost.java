package io.jenkins.plugins.happyhorse.simulator.webhook;

import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.job.Job;
import java.time.Instant;

/**
 * What a host's completion callback looks like: its body and its signature.
 *
 * @param host the host
 * @param idPrefix the prefix of its callback ids
 * @param payload the body for a job at an instant
 * @param signer the signature
 */
public record CallbackHost(Host host, String idPrefix, Payload payload, CallbackSigner signer) {

    /** Writes a callback's body. */
    @FunctionalInterface
    public interface Payload {
        /**
         * @param job the job
         * @param at the simulated instant of the event
         * @param earlierState true for an event of a state before the final one ("processing")
         */
        byte[] write(Job job, Instant at, boolean earlierState);
    }
}

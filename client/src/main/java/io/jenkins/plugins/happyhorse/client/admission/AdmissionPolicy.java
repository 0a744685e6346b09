package io.jenkins.plugins.happyhorse.client.admission;

/**
 * How many renders one host account runs at once: the gate starts at {@code initial}, halves on a
 * refused submit (429) and grows by one after each accepted submit, never above {@code max} and
 * never below 1. Hosts limit concurrent jobs per account (WaveSpeed's lowest level: 3), so a
 * render counts from its submit until its job ends.
 *
 * @param initial where the gate starts, 1 to {@code max}
 * @param max the most renders at once, at least 1
 */
public record AdmissionPolicy(int initial, int max) {
    public AdmissionPolicy {
        if (max < 1) {
            throw new IllegalArgumentException(
                    "admission max: " + max + " is not allowed; allowed: an integer of at least 1");
        }
        if (initial < 1 || initial > max) {
            throw new IllegalArgumentException("admission initial: " + initial
                    + " is not allowed; allowed: an integer from 1 to the maximum, " + max);
        }
    }

    /** A gate that starts at {@code initial} and may grow to {@code max}. */
    public static AdmissionPolicy of(int initial, int max) {
        return new AdmissionPolicy(initial, max);
    }

    /** A gate that starts at its maximum {@code n} (it still halves on a 429 and grows back). */
    public static AdmissionPolicy upTo(int n) {
        return new AdmissionPolicy(n, n);
    }
}

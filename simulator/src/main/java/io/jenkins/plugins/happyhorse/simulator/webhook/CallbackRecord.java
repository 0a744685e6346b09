package io.jenkins.plugins.happyhorse.simulator.webhook;

import io.jenkins.plugins.happyhorse.simulator.Host;
import java.time.Instant;

/**
 * One completion callback the simulator sent (or meant to send), for tests and the stats.
 *
 * @param jobId the job it is about
 * @param host the host that sent it
 * @param webhookId its id
 * @param fault the fault played on it ({@code none}, {@code lost}, {@code duplicated}, …)
 * @param status the receiver's HTTP status, or 0 when no answer came (or it was never sent)
 * @param outcome {@code answered}, {@code failed} (no answer: a connection or TLS failure), or
 *     {@code dropped} (lost on purpose)
 * @param simulatedAt when it was sent (or dropped), simulated time
 */
public record CallbackRecord(
        String jobId, Host host, String webhookId, String fault, int status, String outcome, Instant simulatedAt) {

    /** Whether the receiver answered with a 2xx status. */
    public boolean accepted() {
        return status >= 200 && status < 300;
    }
}

package io.jenkins.plugins.happyhorse.simulator;

import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import io.jenkins.plugins.happyhorse.simulator.stats.StatsRecorder;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a simulator has seen so far: requests per route, submissions (accepted) and refused
 * submits and charges per host,
 * faults played, and every Authorization header that reached the media origin or Model
 * Studio's storage origin. A live view: each call reads the current counters.
 */
public final class SimulatorStats {
    private final StatsRecorder recorder;

    SimulatorStats(StatsRecorder recorder) {
        this.recorder = recorder;
    }

    /** Requests on {@code route} (whatever their answer); {@link Route#ANY} counts every routed request. */
    public long requests(Route route) {
        return recorder.requests(route);
    }

    /** Requests per route (every route except {@link Route#ANY}). */
    public Map<Route, Long> requestsByRoute() {
        Map<Route, Long> counts = new EnumMap<>(Route.class);
        for (Route route : Route.values()) {
            if (route != Route.ANY) {
                counts.put(route, recorder.requests(route));
            }
        }
        return counts;
    }

    /** Requests to paths no route serves (Atlas Cloud answers those 401). */
    public long unmatchedRequests() {
        return recorder.unmatchedRequests();
    }

    /** Jobs accepted (and charged) on {@code host}. */
    public long submissions(Host host) {
        return recorder.submissions(host);
    }

    /** Jobs accepted on all hosts. */
    public long submissions() {
        long total = 0;
        for (Host host : Host.values()) {
            total += recorder.submissions(host);
        }
        return total;
    }

    /**
     * Submits {@code host} refused with 429 because the account's level was reached (see {@code
     * Simulator.Builder.accountLevel}); nothing was created or charged for them, and they are not
     * among {@link #submissions(Host)}.
     */
    public long refusedSubmits(Host host) {
        return recorder.refusedSubmits(host);
    }

    /** Submits refused for the account's level on all hosts. */
    public long refusedSubmits() {
        long total = 0;
        for (Host host : Host.values()) {
            total += recorder.refusedSubmits(host);
        }
        return total;
    }

    /** USD charged on {@code host}. */
    public BigDecimal charges(Host host) {
        return recorder.charges(host);
    }

    /** USD charged on all hosts. */
    public BigDecimal totalCharges() {
        BigDecimal total = BigDecimal.ZERO;
        for (Host host : Host.values()) {
            total = total.add(recorder.charges(host));
        }
        return total;
    }

    /** Faults of this kind played so far. */
    public long faults(Fault.Kind kind) {
        return recorder.faults(kind);
    }

    /** Requests refused with 401 because the bearer key was missing or wrong. */
    public long authenticationFailures() {
        return recorder.authenticationFailures();
    }

    /** Authorization headers that reached the media origin, oldest first (values never kept). */
    public List<MediaAuthorization> mediaAuthorizations() {
        return recorder.mediaAuthorizations();
    }

    /** File bytes of the successful (2xx) replies the media origin has started to send. */
    public long mediaBytesServed() {
        return recorder.mediaBytes();
    }

    // Model Studio's storage origin and limits.

    /**
     * Authorization headers that reached Model Studio's storage origin, oldest first (values never
     * kept). The upload form carries its own signature; the API key must never go there.
     */
    public List<MediaAuthorization> storageAuthorizations() {
        return recorder.storageAuthorizations();
    }

    /** Files the storage origin accepted (each then resolvable as {@code oss://key}). */
    public long storageUploads() {
        return recorder.storageUploads();
    }

    /** Requests Model Studio refused with 429 because of its own limits (not scripted faults). */
    public long throttledRequests() {
        return recorder.throttledRequests();
    }

    /** Requests refused with 401 because they carried the configured key of another region. */
    public long otherRegionKeys() {
        return recorder.otherRegionKeys();
    }

    /** What became of the hosts' completion callbacks (webhooks) so far. */
    public Webhooks webhooks() {
        long[] c = recorder.webhooks();
        return new Webhooks(c[0], c[1], c[2], c[3], c[4], c[5]);
    }

    /**
     * Completion callbacks counted by fate.
     *
     * @param planned jobs submitted with a callback URL that will end (each plans one callback)
     * @param sent POSTs made (a duplicated callback counts twice)
     * @param accepted POSTs answered 2xx
     * @param refused POSTs answered with another status
     * @param failed POSTs that got no answer (connection or TLS failure, timeout)
     * @param dropped callbacks lost on purpose ({@code WebhookFault.lost()})
     */
    public record Webhooks(long planned, long sent, long accepted, long refused, long failed, long dropped) {}

    @Override
    public String toString() {
        return "SimulatorStats{requests=" + requests(Route.ANY) + ", submissions=" + submissions()
                + ", refusedSubmits=" + refusedSubmits() + ", charges="
                + totalCharges().toPlainString() + " USD, mediaAuthorizations="
                + mediaAuthorizations().size() + ", storageAuthorizations="
                + storageAuthorizations().size() + "}";
    }
}

package io.jenkins.plugins.happyhorse.simulator.stats;

import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.MediaAuthorization;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The simulator's counters, written by its handlers and read through
 * {@code SimulatorStats}. Counters are {@link LongAdder}s so that thousands of concurrent
 * pollers do not contend on one lock.
 */
public final class StatsRecorder {
    private final Map<Route, LongAdder> requests = new EnumMap<>(Route.class);
    private final Map<Host, LongAdder> submissions = new EnumMap<>(Host.class);
    private final Map<Host, LongAdder> refusedSubmits = new EnumMap<>(Host.class);
    private final Map<Host, BigDecimal> charges = new EnumMap<>(Host.class);
    private final Map<Fault.Kind, LongAdder> faults = new EnumMap<>(Fault.Kind.class);
    private final ConcurrentLinkedQueue<MediaAuthorization> mediaAuthorizations = new ConcurrentLinkedQueue<>();
    private final LongAdder unmatched = new LongAdder();
    private final LongAdder authenticationFailures = new LongAdder();
    private final LongAdder mediaBytes = new LongAdder();
    // Model Studio: its storage origin and its own limits.
    private final ConcurrentLinkedQueue<MediaAuthorization> storageAuthorizations = new ConcurrentLinkedQueue<>();
    private final LongAdder storageUploads = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder otherRegionKeys = new LongAdder();
    // Completion callbacks (webhooks) the hosts send.
    private final LongAdder webhooksPlanned = new LongAdder();
    private final LongAdder webhooksSent = new LongAdder();
    private final LongAdder webhooksAccepted = new LongAdder();
    private final LongAdder webhooksRefused = new LongAdder();
    private final LongAdder webhooksFailed = new LongAdder();
    private final LongAdder webhooksDropped = new LongAdder();

    /** Empty counters. */
    public StatsRecorder() {
        for (Route route : Route.values()) {
            requests.put(route, new LongAdder());
        }
        for (Host host : Host.values()) {
            submissions.put(host, new LongAdder());
            refusedSubmits.put(host, new LongAdder());
            charges.put(host, BigDecimal.ZERO);
        }
        for (Fault.Kind kind : Fault.Kind.values()) {
            faults.put(kind, new LongAdder());
        }
    }

    public void request(Route route) {
        requests.get(route).increment();
        requests.get(Route.ANY).increment();
    }

    public void unmatched() {
        unmatched.increment();
    }

    public void submission(Host host, BigDecimal charge) {
        submissions.get(host).increment();
        synchronized (charges) {
            charges.merge(host, charge, BigDecimal::add);
        }
    }

    /** A submit the account's level refused with 429: nothing created, nothing charged. */
    public void refusedSubmit(Host host) {
        refusedSubmits.get(host).increment();
    }

    public long refusedSubmits(Host host) {
        return refusedSubmits.get(host).sum();
    }

    public void fault(Fault fault) {
        faults.get(fault.kind()).increment();
    }

    public void authenticationFailure() {
        authenticationFailures.increment();
    }

    public void mediaAuthorization(MediaAuthorization seen) {
        mediaAuthorizations.add(seen);
    }

    public void mediaBytes(long count) {
        mediaBytes.add(count);
    }

    /** Requests on {@code route}; {@link Route#ANY} gives every routed request. */
    public long requests(Route route) {
        return requests.get(route).sum();
    }

    public long unmatchedRequests() {
        return unmatched.sum();
    }

    public long submissions(Host host) {
        return submissions.get(host).sum();
    }

    public BigDecimal charges(Host host) {
        synchronized (charges) {
            return charges.get(host);
        }
    }

    public long faults(Fault.Kind kind) {
        return faults.get(kind).sum();
    }

    public long authenticationFailures() {
        return authenticationFailures.sum();
    }

    public List<MediaAuthorization> mediaAuthorizations() {
        return new ArrayList<>(mediaAuthorizations);
    }

    public long mediaBytes() {
        return mediaBytes.sum();
    }

    public void storageAuthorization(MediaAuthorization seen) {
        storageAuthorizations.add(seen);
    }

    public void storageUpload() {
        storageUploads.increment();
    }

    public void throttled() {
        throttled.increment();
    }

    public void otherRegionKey() {
        otherRegionKeys.increment();
    }

    public List<MediaAuthorization> storageAuthorizations() {
        return new ArrayList<>(storageAuthorizations);
    }

    public long storageUploads() {
        return storageUploads.sum();
    }

    public long throttledRequests() {
        return throttled.sum();
    }

    public long otherRegionKeys() {
        return otherRegionKeys.sum();
    }

    public void webhookPlanned() {
        webhooksPlanned.increment();
    }

    public void webhookSent() {
        webhooksSent.increment();
    }

    public void webhookAccepted() {
        webhooksAccepted.increment();
    }

    public void webhookRefused() {
        webhooksRefused.increment();
    }

    public void webhookFailed() {
        webhooksFailed.increment();
    }

    public void webhookDropped() {
        webhooksDropped.increment();
    }

    /** Callback counts: planned, sent, accepted (2xx), refused (other status), failed (no answer), dropped. */
    public long[] webhooks() {
        return new long[] {
            webhooksPlanned.sum(),
            webhooksSent.sum(),
            webhooksAccepted.sum(),
            webhooksRefused.sum(),
            webhooksFailed.sum(),
            webhooksDropped.sum()
        };
    }
}

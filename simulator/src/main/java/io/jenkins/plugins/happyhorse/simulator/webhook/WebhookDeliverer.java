package io.jenkins.plugins.happyhorse.simulator.webhook;

import io.jenkins.plugins.happyhorse.simulator.fault.FaultPlan;
import io.jenkins.plugins.happyhorse.simulator.fault.WebhookFault;
import io.jenkins.plugins.happyhorse.simulator.job.Job;
import io.jenkins.plugins.happyhorse.simulator.stats.StatsRecorder;
import io.jenkins.plugins.happyhorse.simulator.time.SimulatedClock;
import io.jenkins.plugins.happyhorse.simulator.time.SimulatorTimer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends the hosts' completion callbacks: when a job submitted with a callback URL reaches its final
 * status (plus an optional latency), on the simulator's clock, it signs the host's body and POSTs
 * it to the URL once, playing the {@link FaultPlan}'s webhook faults. The host does not retry a
 * callback that fails or is refused (neither host documents retries). The timer only decides and
 * signs; the exchange itself runs on a small pool of its own, so that the timer never waits for a
 * receiver, and while it is in flight the timer's clock is held ({@link SimulatorTimer#hold()}).
 */
public final class WebhookDeliverer implements AutoCloseable {
    /** At most this many records are kept; the oldest go first. */
    static final int MAX_RECORDS = 10_000;

    private final SimulatedClock clock;
    private final SimulatorTimer timer;
    private final FaultPlan faults;
    private final StatsRecorder stats;
    private final ExecutorService senders;
    private final SSLSocketFactory tls;
    private final Duration latency;
    private final Duration timeout;
    private final SplittableRandom ids;
    private final boolean realTimeStamps;
    private final ConcurrentLinkedDeque<CallbackRecord> records = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /**
     * @param senders where exchanges run (they block on the receiver's answer)
     * @param trusted certificates trusted on top of the JDK's authorities
     * @param latency simulated time between a job's end and its callback
     * @param timeout real time allowed per exchange
     */
    public WebhookDeliverer(
            SimulatedClock clock,
            SimulatorTimer timer,
            FaultPlan faults,
            StatsRecorder stats,
            ExecutorService senders,
            List<X509Certificate> trusted,
            Duration latency,
            Duration timeout,
            long seed) {
        this(clock, timer, faults, stats, senders, trusted, latency, timeout, seed, false);
    }

    /**
     * Like the other constructor; with {@code realTimeStamps} the signature's timestamp is the real
     * time of sending rather than the simulated time, for a receiver whose clock is the real one
     * (a Jenkins controller, {@code happyhorse listen}) while simulated time runs faster: a
     * simulated timestamp would soon lie minutes in the receiver's future. The body still
     * describes the job at the simulated instant.
     */
    public WebhookDeliverer(
            SimulatedClock clock,
            SimulatorTimer timer,
            FaultPlan faults,
            StatsRecorder stats,
            ExecutorService senders,
            List<X509Certificate> trusted,
            Duration latency,
            Duration timeout,
            long seed,
            boolean realTimeStamps) {
        this.realTimeStamps = realTimeStamps;
        this.clock = clock;
        this.timer = timer;
        this.faults = faults;
        this.stats = stats;
        this.senders = senders;
        this.tls = CallbackTrust.socketFactory(trusted);
        this.latency = latency;
        this.timeout = timeout;
        this.ids = new SplittableRandom(seed ^ 0x57454248304F4B53L);
    }

    /** Arranges the callback of {@code job} to {@code target}, sent when the job reaches its final status. */
    public void plan(Job job, URI target, CallbackHost host) {
        if (!job.state(Instant.MAX).terminal()) {
            return; // a job that never ends never calls back
        }
        Duration delay =
                Duration.between(clock.now(), job.completesAtSimulated().plus(latency));
        stats.webhookPlanned();
        timer.schedule(() -> fire(job, target, host), delay.isNegative() ? Duration.ZERO : delay);
    }

    /** Every callback so far, oldest first (the last {@value #MAX_RECORDS}). */
    public List<CallbackRecord> records() {
        return new ArrayList<>(records);
    }

    private void fire(Job job, URI target, CallbackHost host) {
        if (closed) {
            return;
        }
        Optional<WebhookFault> fault = faults.takeWebhookFault();
        WebhookFault.Kind kind = fault.map(WebhookFault::kind).orElse(null);
        String faultName = fault.map(WebhookFault::toString).orElse("none");
        Instant at = clock.now();
        Instant stamp = realTimeStamps ? clock.realNow() : at;
        String id = nextId(host);
        if (kind == WebhookFault.Kind.LOST) {
            stats.webhookDropped();
            record(new CallbackRecord(job.id(), host.host(), id, faultName, 0, "dropped", at));
            return;
        }
        byte[] body = host.payload().write(job, at, false);
        Outgoing first = new Outgoing(
                job, host, id, faultName, target, body, host.signer().headers(id, stamp.getEpochSecond(), body, kind));
        if (kind == WebhookFault.Kind.DELAYED) {
            timer.schedule(() -> send(List.of(first)), fault.get().delay());
        } else if (kind == WebhookFault.Kind.DUPLICATED) {
            send(List.of(first, first));
        } else if (kind == WebhookFault.Kind.OUT_OF_ORDER) {
            Instant earlier = at.minus(WebhookFault.OUT_OF_ORDER_AGE);
            String olderId = nextId(host);
            byte[] olderBody = host.payload().write(job, earlier, true);
            Outgoing older = new Outgoing(
                    job,
                    host,
                    olderId,
                    faultName,
                    target,
                    olderBody,
                    host.signer()
                            .headers(
                                    olderId,
                                    stamp.minus(WebhookFault.OUT_OF_ORDER_AGE).getEpochSecond(),
                                    olderBody,
                                    null));
            send(List.of(first, older));
        } else {
            send(List.of(first));
        }
    }

    /** Sends the callbacks one after the other, off the timer, with the clock held meanwhile. */
    private void send(List<Outgoing> callbacks) {
        if (closed) {
            return;
        }
        Runnable release = timer.hold();
        try {
            senders.execute(() -> {
                try {
                    for (Outgoing callback : callbacks) {
                        post(callback);
                    }
                } finally {
                    release.run();
                }
            });
        } catch (RejectedExecutionException e) {
            release.run(); // closing
        }
    }

    private void post(Outgoing c) {
        Instant at = clock.now();
        stats.webhookSent();
        int status = 0;
        try {
            status = exchange(c);
        } catch (IOException | RuntimeException e) {
            status = 0;
        }
        if (status == 0) {
            stats.webhookFailed();
        } else if (status >= 200 && status < 300) {
            stats.webhookAccepted();
        } else {
            stats.webhookRefused();
        }
        record(new CallbackRecord(
                c.job().id(), c.host().host(), c.id(), c.fault(), status, status == 0 ? "failed" : "answered", at));
    }

    private int exchange(Outgoing c) throws IOException {
        boolean loopback = CallbackTargets.isLoopback(c.target().getHost());
        HttpURLConnection connection = (HttpURLConnection)
                (loopback
                        ? c.target().toURL().openConnection(Proxy.NO_PROXY)
                        : c.target().toURL().openConnection());
        try {
            if (connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(tls);
            }
            int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
            connection.setConnectTimeout(millis);
            connection.setReadTimeout(millis);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(c.body().length);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setRequestProperty(
                    "User-Agent", "happyhorse-simulator/" + c.host().host().id());
            for (Map.Entry<String, String> h : c.headers().entrySet()) {
                connection.setRequestProperty(h.getKey(), h.getValue());
            }
            try (OutputStream out = connection.getOutputStream()) {
                out.write(c.body());
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            if (in != null) {
                try (in) {
                    in.readNBytes(64 * 1024);
                }
            }
            return status;
        } finally {
            // No keep-alive: each callback is a connection of its own, as a host's would be.
            connection.disconnect();
        }
    }

    private String nextId(CallbackHost host) {
        long value;
        synchronized (ids) {
            value = ids.nextLong();
        }
        return host.idPrefix() + String.format(Locale.ROOT, "%016x", value);
    }

    private void record(CallbackRecord r) {
        records.addLast(r);
        while (records.size() > MAX_RECORDS) {
            records.pollFirst();
        }
    }

    /** Sends nothing more; callbacks already in flight finish or fail. */
    @Override
    public void close() {
        closed = true;
    }

    private record Outgoing(
            Job job,
            CallbackHost host,
            String id,
            String fault,
            URI target,
            byte[] body,
            Map<String, String> headers) {}
}

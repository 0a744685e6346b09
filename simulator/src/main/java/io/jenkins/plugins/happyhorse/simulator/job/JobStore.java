package io.jenkins.plugins.happyhorse.simulator.job;

import io.jenkins.plugins.happyhorse.simulator.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/** Every job of both hosts, by id and in submission order. Thread-safe. */
public final class JobStore {
    private final ConcurrentHashMap<String, Job> byId = new ConcurrentHashMap<>();
    private final List<Job> ordered = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    /** Creates a job from the next sequence number and stores it. */
    public Job add(LongFunction<Job> factory) {
        Job job = factory.apply(sequence.incrementAndGet());
        if (byId.putIfAbsent(job.id(), job) != null) {
            throw new IllegalStateException("duplicate job id " + job.id());
        }
        synchronized (ordered) {
            ordered.add(job);
        }
        return job;
    }

    /** The job with this id if it belongs to {@code host}. */
    public Optional<Job> find(String id, Host host) {
        Job job = byId.get(id);
        return job != null && job.host() == host ? Optional.of(job) : Optional.empty();
    }

    /** The job with this id, on either host. */
    public Optional<Job> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** A snapshot of every job, oldest first. */
    public List<Job> all() {
        synchronized (ordered) {
            return new ArrayList<>(ordered);
        }
    }

    /** A snapshot of one host's jobs, newest first. */
    public List<Job> newestFirst(Host host) {
        List<Job> result = new ArrayList<>();
        synchronized (ordered) {
            for (int i = ordered.size() - 1; i >= 0; i--) {
                Job job = ordered.get(i);
                if (job.host() == host) {
                    result.add(job);
                }
            }
        }
        return result;
    }

    public int size() {
        return byId.size();
    }
}

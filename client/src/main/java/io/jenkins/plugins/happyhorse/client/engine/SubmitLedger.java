package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.provider.Provider;
import io.jenkins.plugins.happyhorse.client.provider.SubmissionLookup;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every submit this engine sent recently, per host account, so that a lost submit reply is never
 * resolved by adopting a job that another render of this engine made. A job found by asking the
 * host is a <em>candidate</em>; it is <em>claimed</em> when a render of this engine holds its id.
 * A lost reply is resolved only when exactly one unclaimed candidate is left and no other submit
 * of the same account that could have made it is still unresolved (its reply in flight, or lost
 * too); see {@link #decide}. It keeps ids, digests and instants, never a key (accounts are told
 * apart by {@link ApiKey#fingerprint()}). Thread-safe.
 */
final class SubmitLedger {
    /** Two submits this far apart (or closer) could each have made the other's candidate. */
    static final Duration RIVAL_WINDOW = Duration.ofMinutes(5);
    /** How long a submit is remembered: well past any window a lookup reads. */
    static final Duration KEPT = Duration.ofMinutes(30);

    private final EngineScheduler scheduler;
    private final List<Entry> entries = new ArrayList<>();

    SubmitLedger(EngineScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** One host account: the host, the base URL and the key (by its fingerprint). */
    record Account(ProviderId host, String baseUrl, String keyFingerprint) {
        static Account of(Provider provider, ApiKey key) {
            return new Account(provider.id(), provider.baseUrl().toString(), key.fingerprint());
        }
    }

    /** Where a submit stands. */
    enum State {
        /** Sent; its reply has not come yet. */
        SENT,
        /** The host's job id is known to the render. */
        CLAIMED,
        /** The reply was lost; the render is looking the job up. */
        LOST
    }

    /** One submit of one render. */
    static final class Entry {
        final Account account;
        final String requestDigest;
        final String model;
        final String inputDigest;
        final Instant sentAt;
        /** Guarded by the ledger. */
        State state;
        /** Guarded by the ledger. */
        String id;

        Entry(Account account, RenderCheckpoint at, State state) {
            this.account = account;
            this.requestDigest = at.requestDigest();
            this.model = at.model();
            this.inputDigest = at.inputDigest();
            this.sentAt = at.submittedAt();
            this.state = state;
        }

        boolean sameSubmitAs(Account other, RenderCheckpoint at) {
            return account.equals(other)
                    && Objects.equals(requestDigest, at.requestDigest())
                    && sentAt.equals(at.submittedAt());
        }
    }

    /** What a render does about its lost reply, given what the host listed. */
    sealed interface Decision {
        /** The one job that can be this render's: it is now claimed. */
        record Adopt(String id) implements Decision {}

        /** No unclaimed job: the submit most likely never arrived. */
        record None() implements Decision {}

        /** Several unclaimed jobs could be this render's. */
        record Several(List<String> ids) implements Decision {}

        /** Another submit that could have made the job still waits for its reply: ask again soon. */
        record Wait(int rivals) implements Decision {}

        /** One job, but another render's lost submit could have made it as well as this one. */
        record Ambiguous(String id, int rivals) implements Decision {}
    }

    /** Records a submit about to be sent, with the checkpoint saved just before it. */
    synchronized Entry sent(Account account, RenderCheckpoint at) {
        prune();
        Entry e = new Entry(account, at, State.SENT);
        entries.add(e);
        return e;
    }

    /** The host's reply named the job. */
    synchronized void claimed(Entry e, String id) {
        e.state = State.CLAIMED;
        e.id = id;
    }

    /** The host refused the submit outright: nothing was created. */
    synchronized void refused(Entry e) {
        entries.remove(e);
    }

    /**
     * The submit's reply was lost: {@code e} when the render sent it in this engine, else (a
     * resumed checkpoint) this engine's record of the same submit, or a new one.
     */
    synchronized Entry lost(Entry e, Account account, RenderCheckpoint at) {
        Entry entry = e;
        if (entry == null) {
            entry = find(account, at);
        }
        if (entry == null) {
            prune();
            entry = new Entry(account, at, State.LOST);
            entries.add(entry);
        } else if (entry.state != State.CLAIMED) {
            entry.state = State.LOST;
        }
        return entry;
    }

    /** The id this engine already holds for the submit of {@code e}, if a render learned it. */
    synchronized Optional<String> knownId(Entry e) {
        return e.state == State.CLAIMED ? Optional.of(e.id) : Optional.empty();
    }

    /**
     * What to do with the jobs the host listed as candidates for {@code self}'s lost reply:
     * drop those claimed by other renders; if none is left, the submit never arrived; if another
     * submit that could have made one of them is still in flight, wait for it; if exactly one is
     * left and no other lost submit could have made it, claim and adopt it; otherwise name them.
     * Another submit "could have made" a job when it went to the same account within {@link
     * #RIVAL_WINDOW} and, on a host that lists inputs, with the same inputs, else for the same
     * model.
     */
    synchronized Decision decide(Entry self, List<String> candidates, SubmissionLookup lookup) {
        Set<String> claimed = new LinkedHashSet<>();
        int inFlight = 0;
        int lost = 0;
        for (Entry e : entries) {
            if (e == self || !e.account.equals(self.account)) {
                continue;
            }
            if (e.state == State.CLAIMED) {
                claimed.add(e.id);
            } else if (couldHaveMade(e, self, lookup)) {
                if (e.state == State.SENT) {
                    inFlight++;
                } else {
                    lost++;
                }
            }
        }
        List<String> unclaimed = candidates.stream()
                .filter(id -> !claimed.contains(id))
                .distinct()
                .toList();
        if (unclaimed.isEmpty()) {
            return new Decision.None();
        }
        if (inFlight > 0) {
            return new Decision.Wait(inFlight);
        }
        if (unclaimed.size() > 1) {
            return new Decision.Several(unclaimed);
        }
        if (lost > 0) {
            return new Decision.Ambiguous(unclaimed.get(0), lost);
        }
        self.state = State.CLAIMED;
        self.id = unclaimed.get(0);
        return new Decision.Adopt(self.id);
    }

    private static boolean couldHaveMade(Entry other, Entry self, SubmissionLookup lookup) {
        if (Duration.between(other.sentAt, self.sentAt).abs().compareTo(RIVAL_WINDOW) > 0) {
            return false;
        }
        return lookup == SubmissionLookup.BY_INPUT
                ? Objects.equals(other.inputDigest, self.inputDigest)
                : Objects.equals(other.model, self.model);
    }

    private Entry find(Account account, RenderCheckpoint at) {
        for (Entry e : entries) {
            if (e.sameSubmitAs(account, at)) {
                return e;
            }
        }
        return null;
    }

    /** Forgets submits sent longer than {@link #KEPT} ago. */
    private void prune() {
        Instant cutoff = scheduler.now().minus(KEPT);
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            if (it.next().sentAt.isBefore(cutoff)) {
                it.remove();
            }
        }
    }

    /** Submits remembered now, for tests. */
    synchronized int size() {
        return entries.size();
    }
}

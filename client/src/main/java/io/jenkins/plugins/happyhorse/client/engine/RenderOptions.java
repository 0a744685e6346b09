package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.media.VerificationPolicy;
import io.jenkins.plugins.happyhorse.client.reuse.RenderStore;
import io.jenkins.plugins.happyhorse.client.reuse.ReusePolicy;
import io.jenkins.plugins.happyhorse.client.reuse.ReuseSettings;
import io.jenkins.plugins.happyhorse.client.spend.Budget;
import io.jenkins.plugins.happyhorse.client.spend.BudgetLedger;
import io.jenkins.plugins.happyhorse.client.spend.SpendLabels;
import io.jenkins.plugins.happyhorse.client.spend.SpendLedger;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to run one render: the key, where the clip goes, the cost limit, the deadline, who hears
 * about progress and checkpoints, whether to stop after the estimate (dry run), and the URL the
 * host should call back when the job ends. Optionally: a render store to reuse an identical clip
 * from, a spend ledger to record the charge in, and budgets to keep it within.
 */
public final class RenderOptions {
    /** Default overall deadline (engine clock). */
    public static final Duration DEFAULT_DEADLINE = Duration.ofHours(1);
    /** Default download size cap. */
    public static final long DEFAULT_MAX_DOWNLOAD_BYTES = 2L * 1024 * 1024 * 1024;

    private final ApiKey apiKey;
    private final Path output;
    private final BigDecimal maxCost;
    private final Duration deadline;
    private final Duration slotWait;
    private final RenderListener listener;
    private final CheckpointStore checkpointStore;
    private final boolean dryRun;
    private final VerificationPolicy verificationPolicy;
    private final long maxDownloadBytes;
    private final URI webhook;
    private final ReuseSettings reuse;
    private final SpendLedger spendLedger;
    private final SpendLabels spendLabels;
    private final BudgetLedger budgetLedger;
    private final List<Budget> budgets;

    private RenderOptions(Builder b) {
        this.apiKey = b.apiKey;
        this.output = b.output;
        this.maxCost = b.maxCost;
        this.deadline = b.deadline;
        this.slotWait = b.slotWait;
        this.listener = b.listener;
        this.checkpointStore = b.checkpointStore;
        this.dryRun = b.dryRun;
        this.verificationPolicy = b.verificationPolicy;
        this.maxDownloadBytes = b.maxDownloadBytes;
        this.webhook = b.webhook;
        this.reuse = b.reuse;
        this.spendLedger = b.spendLedger;
        this.spendLabels = b.spendLabels;
        this.budgetLedger = b.budgetLedger;
        this.budgets = b.budgets;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The host's key; null only for a dry run. */
    public ApiKey apiKey() {
        return apiKey;
    }

    /** Where the verified clip is moved; null only for a dry run. */
    public Path output() {
        return output;
    }

    /** The cost limit in USD, or null for none. */
    public BigDecimal maxCost() {
        return maxCost;
    }

    /** The overall deadline, engine-clock time from start or resume. */
    public Duration deadline() {
        return deadline;
    }

    /**
     * How long the render may wait for a slot at the host (its account's admission gate) before it
     * gives up with nothing submitted; null when that wait counts against the {@link #deadline()}.
     * When set, a render that had to wait gets its whole deadline again from its admission.
     */
    public Duration slotWait() {
        return slotWait;
    }

    public RenderListener listener() {
        return listener;
    }

    /** Where checkpoints go; the submit waits until the first one is saved. */
    public CheckpointStore checkpointStore() {
        return checkpointStore;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public VerificationPolicy verificationPolicy() {
        return verificationPolicy;
    }

    public long maxDownloadBytes() {
        return maxDownloadBytes;
    }

    /** The URL the host is asked to call back when the job ends, or null for none (polling only). */
    public URI webhook() {
        return webhook;
    }

    /** The render store to reuse from and record in, or null for none. */
    public ReuseSettings reuse() {
        return reuse;
    }

    /** Where the charge is recorded, or null for nowhere. */
    public SpendLedger spendLedger() {
        return spendLedger;
    }

    /** Who spends, recorded with the charge. */
    public SpendLabels spendLabels() {
        return spendLabels;
    }

    /** The budget ledger that holds reservations, or null when no budget applies. */
    public BudgetLedger budgetLedger() {
        return budgetLedger;
    }

    /** The budgets this render must keep within; empty for none. */
    public List<Budget> budgets() {
        return budgets;
    }

    @Override
    public String toString() {
        return "RenderOptions{apiKey=" + apiKey + ", output=" + output + ", maxCost=" + maxCost + ", deadline="
                + deadline + ", dryRun=" + dryRun + ", verification=" + verificationPolicy
                + (webhook == null ? "" : ", webhook=on") + "}";
    }

    /** Not thread-safe; {@link #build()} checks that a real render has a key and an output. */
    public static final class Builder {
        private ApiKey apiKey;
        private Path output;
        private BigDecimal maxCost;
        private Duration deadline = DEFAULT_DEADLINE;
        private Duration slotWait;
        private RenderListener listener = event -> {};
        private CheckpointStore checkpointStore = CheckpointStore.of(checkpoint -> {});
        private boolean dryRun;
        private VerificationPolicy verificationPolicy = VerificationPolicy.strict();
        private long maxDownloadBytes = DEFAULT_MAX_DOWNLOAD_BYTES;
        private URI webhook;
        private ReuseSettings reuse;
        private SpendLedger spendLedger;
        private SpendLabels spendLabels = SpendLabels.none();
        private BudgetLedger budgetLedger;
        private List<Budget> budgets = List.of();

        private Builder() {}

        public Builder apiKey(ApiKey apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** The clip's final path; a temporary file next to it receives the download. */
        public Builder output(Path output) {
            this.output = output;
            return this;
        }

        /** Refuse, before any call, a request whose estimate is above this many USD. */
        public Builder maxCost(BigDecimal usd) {
            if (usd != null && usd.signum() < 0) {
                throw new IllegalArgumentException("maxCost must be zero or more, was " + usd.toPlainString());
            }
            this.maxCost = usd;
            return this;
        }

        /** The overall deadline (engine clock); must be positive. */
        public Builder deadline(Duration deadline) {
            Objects.requireNonNull(deadline, "deadline");
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("The deadline must be positive, was " + deadline);
            }
            this.deadline = deadline;
            return this;
        }

        /**
         * Bounds the wait for a slot at the host on its own, so that the {@link #deadline(Duration)}
         * measures the render from its admission: a caller that fans out many renders at once (a
         * nightly job) then never times out a render that was only queued. Must be positive; null
         * (the default) counts the wait against the deadline.
         */
        public Builder slotWait(Duration slotWait) {
            if (slotWait != null && (slotWait.isNegative() || slotWait.isZero())) {
                throw new IllegalArgumentException("The wait for a slot must be positive, was " + slotWait);
            }
            this.slotWait = slotWait;
            return this;
        }

        public Builder listener(RenderListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Called before the submit is sent (no prediction id yet) and again with the id. */
        public Builder checkpointSink(Consumer<RenderCheckpoint> sink) {
            return checkpointStore(CheckpointStore.of(Objects.requireNonNull(sink, "checkpointSink")));
        }

        /**
         * Like {@link #checkpointSink(Consumer)} for a store that saves asynchronously: the submit is
         * sent once the first save has completed, without holding a thread meanwhile.
         */
        public Builder checkpointStore(CheckpointStore store) {
            this.checkpointStore = Objects.requireNonNull(store, "checkpointStore");
            return this;
        }

        /** Validate and estimate only: no call to the host at all. */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** How strictly the clip is checked; {@link VerificationPolicy#strict()} by default. */
        public Builder verificationPolicy(VerificationPolicy policy) {
            this.verificationPolicy = Objects.requireNonNull(policy, "verificationPolicy");
            return this;
        }

        /** The largest clip accepted, in bytes (default 2 GiB). */
        public Builder maxDownloadBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxDownloadBytes must be positive, was " + bytes);
            }
            this.maxDownloadBytes = bytes;
            return this;
        }

        /**
         * Asks the host to call {@code url} back when the job ends (null, the default: no callback).
         * The URL must be public https of at most 1024 characters; a render refuses any other before
         * any call. A receiver at that URL hands callbacks to {@link RenderEngine#webhooks()} of the
         * same engine; meanwhile the render polls only as a slow safety net. A host that cannot be
         * asked per render (Model Studio) is simply polled.
         */
        public Builder webhook(URI url) {
            this.webhook = url;
            return this;
        }

        /**
         * Reuses an identical clip from {@code store} when {@code policy} allows (no call, no
         * charge), waits for an identical render in progress instead of paying twice, and records
         * what this render pays for. Null {@code store} turns reuse off.
         */
        public Builder reuse(RenderStore store, ReusePolicy policy) {
            return reuse(store == null ? null : ReuseSettings.of(store, policy));
        }

        /** Like {@link #reuse(RenderStore, ReusePolicy)}, with the producer, locator and copy settings. */
        public Builder reuse(ReuseSettings settings) {
            this.reuse = settings;
            return this;
        }

        /**
         * Records the charge in {@code ledger} under {@code labels}: an intent on the disk before the
         * submit is sent, confirmed when the host answers. Null {@code ledger} records nothing.
         */
        public Builder spend(SpendLedger ledger, SpendLabels labels) {
            this.spendLedger = ledger;
            this.spendLabels = labels == null ? SpendLabels.none() : labels;
            return this;
        }

        /**
         * Keeps the render within {@code budgets}: its estimated cost is reserved against each
         * before any call, and the render is refused if one would go over. The charge is recorded
         * in the budget ledger's spend ledger (set by {@link #spend} too, or it must be the same).
         */
        public Builder budgets(BudgetLedger ledger, List<Budget> budgets) {
            this.budgetLedger = ledger;
            this.budgets = budgets == null ? List.of() : List.copyOf(budgets);
            return this;
        }

        /**
         * @throws IllegalStateException when a real render lacks the key or the output path
         */
        public RenderOptions build() {
            if (budgetLedger != null && spendLedger == null) {
                spendLedger = budgetLedger.ledger();
            }
            if (budgetLedger != null && spendLedger != budgetLedger.ledger()) {
                throw new IllegalStateException("The budgets count another spend ledger than the one the charge"
                        + " would be recorded in (spend and budgets must share one ledger)");
            }
            if (!budgets.isEmpty() && budgetLedger == null) {
                throw new IllegalStateException("Budgets need a budget ledger to reserve against (budgets)");
            }
            if (!dryRun && apiKey == null) {
                throw new IllegalStateException("An API key is required (apiKey) unless dryRun is set");
            }
            if (!dryRun && output == null) {
                throw new IllegalStateException("An output path is required (output) unless dryRun is set");
            }
            return new RenderOptions(this);
        }
    }
}

package io.jenkins.plugins.happyhorse.spend;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.happyhorse.client.spend.BudgetLedger;
import io.jenkins.plugins.happyhorse.client.spend.FileSpendLedger;
import java.io.File;
import java.nio.file.Path;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The controller's spend ledger and the budget reservations made against it: one of each per
 * controller, kept under {@code JENKINS_HOME/happyhorse/spend}. Renders write to it; the spend page
 * and the job pages read it. The ledger itself is safe to share between threads and processes (it
 * writes under a folder lock), so this class only makes sure every part of the plugin uses the
 * same instance, and with it the same live reservations.
 */
@Restricted(NoExternalUse.class)
public final class ControllerLedger {
    /** The folder under {@code JENKINS_HOME} that holds everything the plugin keeps about money. */
    static final String SPEND_FOLDER = "happyhorse/spend";

    private static Holder holder;

    private ControllerLedger() {}

    /** The controller's ledger, opened on first use. */
    public static @NonNull FileSpendLedger ledger() {
        return holder().ledger;
    }

    /** The budget reservations against {@link #ledger()}; one per controller so they see each other. */
    public static @NonNull BudgetLedger budgets() {
        return holder().budgets;
    }

    /** The folder of the ledger, {@code JENKINS_HOME/happyhorse/spend}. */
    public static @NonNull Path folder() {
        return new File(Jenkins.get().getRootDir(), SPEND_FOLDER).toPath();
    }

    private static synchronized Holder holder() {
        Path folder = folder();
        // A test harness gives each JenkinsRule its own JENKINS_HOME in one JVM: follow it.
        if (holder == null || !holder.ledger.folder().equals(folder)) {
            FileSpendLedger ledger = FileSpendLedger.open(folder);
            holder = new Holder(ledger, new BudgetLedger(ledger));
        }
        return holder;
    }

    private record Holder(FileSpendLedger ledger, BudgetLedger budgets) {}
}

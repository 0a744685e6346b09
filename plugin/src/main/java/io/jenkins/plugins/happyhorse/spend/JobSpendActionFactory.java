package io.jenkins.plugins.happyhorse.spend;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import io.jenkins.plugins.happyhorse.client.spend.FileSpendLedger;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * Gives a job its {@link JobSpendAction} when the ledger holds a charge or a saving of it, and
 * nothing otherwise, so that jobs that never rendered get no empty link. The ledger reads only
 * what was appended since it last looked, so asking it on every page of a job is cheap.
 */
@Extension
public final class JobSpendActionFactory extends TransientActionFactory<Job> {
    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @NonNull
    @Override
    public Collection<? extends Action> createFor(@NonNull Job target) {
        String name = target.getFullName();
        FileSpendLedger ledger = ControllerLedger.ledger();
        boolean known = ledger.charges().stream().anyMatch(c -> c.labels().job().equals(name))
                || ledger.savings().stream().anyMatch(s -> s.labels().job().equals(name));
        return known ? List.of(new JobSpendAction(target)) : List.of();
    }
}

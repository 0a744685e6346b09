package io.jenkins.plugins.happyhorse.render;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.happyhorse.client.engine.RenderOptions;
import io.jenkins.plugins.happyhorse.client.reuse.ReusePolicy;
import io.jenkins.plugins.happyhorse.client.reuse.ReuseSettings;
import io.jenkins.plugins.happyhorse.client.reuse.StoredRender;
import io.jenkins.plugins.happyhorse.client.spend.Budget;
import io.jenkins.plugins.happyhorse.client.spend.BudgetScope;
import io.jenkins.plugins.happyhorse.client.spend.SpendLabels;
import io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration;
import io.jenkins.plugins.happyhorse.config.SpendSettings;
import io.jenkins.plugins.happyhorse.reuse.ArtifactLocator;
import io.jenkins.plugins.happyhorse.reuse.ControllerRenderStore;
import io.jenkins.plugins.happyhorse.spend.ControllerLedger;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What a render of a build owes the controller's books, given to the engine with its options: the
 * controller's render store (reuse by the step's {@code reuse}; what it pays for is recorded with
 * the archived artifact as the clip's place), the controller's spend ledger labelled with the job
 * and the build, and the monthly budgets of the controller and of the job. A resumed render gets
 * the store and the ledger (its charge, written before the restart, is confirmed) but no budget:
 * it was paid for already.
 */
final class RenderBooks {
    /** The name of the controller's budget in a refusal. */
    static final String CONTROLLER_BUDGET = "controller monthly budget";

    private RenderBooks() {}

    /**
     * Adds the books to {@code options}.
     *
     * @param output the clip's path relative to the workspace, which is also its artifact path
     * @param staging the render's folder, where the clip lies until it is archived
     * @param resumed whether the render was submitted before a restart
     * @throws IllegalArgumentException naming a budget setting that is not an amount
     */
    static void apply(
            RenderOptions.Builder options,
            Run<?, ?> run,
            RenderParameters parameters,
            String output,
            StagingArea staging,
            Instant now,
            boolean resumed) {
        SpendSettings settings = HappyHorseConfiguration.get().spendSettings();
        Job<?, ?> job = run.getParent();
        String jobName = job.getFullName();
        Path root = run.getRootDir().toPath().toAbsolutePath().normalize();
        String staged = root.relativize(staging.clip().toAbsolutePath().normalize())
                .toString()
                .replace('\\', '/');
        ArtifactLocator locator = new ArtifactLocator(jobName, run.getNumber(), output, staged);
        // The artifact may be deleted by a build discarder, or never exist when it is not archived:
        // then the store keeps a copy of its own.
        boolean keepCopy = job.getBuildDiscarder() != null || !parameters.archive();
        options.reuse(ReuseSettings.of(ControllerRenderStore.get(settings.storeLimits()), policy(parameters))
                        .producer(locator.build())
                        .locator(clip -> locator.format())
                        .keepCopy(keepCopy))
                .spend(ControllerLedger.ledger(), SpendLabels.of(jobName, run.getId()));
        if (!resumed) {
            options.budgets(ControllerLedger.budgets(), budgets(settings, jobName, now));
        }
    }

    /** The step's reuse policy; {@code auto} when not given (a wrong one is refused by {@link StepSettings}). */
    static ReusePolicy policy(RenderParameters parameters) {
        return ReusePolicy.parse(parameters.reuse() == null ? "auto" : parameters.reuse())
                .orElse(ReusePolicy.AUTO);
    }

    /** The budgets set, for this month in the controller's time zone. */
    static List<Budget> budgets(SpendSettings settings, String jobName, Instant now) {
        ZoneId zone = ZoneId.systemDefault();
        YearMonth month = YearMonth.from(now.atZone(zone));
        List<Budget> budgets = new ArrayList<>();
        settings.controllerBudget()
                .ifPresent(limit ->
                        budgets.add(Budget.monthly(CONTROLLER_BUDGET, limit, month, zone, BudgetScope.everything())));
        settings.jobBudget()
                .ifPresent(limit -> budgets.add(
                        Budget.monthly("monthly budget of " + jobName, limit, month, zone, BudgetScope.job(jobName))));
        return budgets;
    }

    /** The build that paid for a reused clip, as a user reads it ({@code folder/nightly #12}). */
    static String paidBy(StoredRender from) {
        if (!from.producer().isEmpty()) {
            return from.producer();
        }
        return ArtifactLocator.parse(from.locator()).map(ArtifactLocator::build).orElse(from.locator());
    }

    /** What a reused clip saved. */
    static BigDecimal saved(@CheckForNull StoredRender from) {
        return from == null ? BigDecimal.ZERO : from.usd();
    }
}

package io.jenkins.plugins.happyhorse.acceptance.pages;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The controller's spend ledger as the plugin keeps it ({@code JENKINS_HOME/happyhorse/spend}),
 * read through the script console: every charge with its job, build, state and cost.
 */
public final class SpendLedger {
    private final ScriptConsole console;

    public SpendLedger(ScriptConsole console) {
        this.console = console;
    }

    /**
     * One charge.
     *
     * @param job the job's full name
     * @param build the build's id
     * @param state {@code PENDING}, {@code CONFIRMED}, ...
     * @param spent what it counts as spent, USD (nothing for a refused charge)
     * @param predictionId the host's job id, empty until confirmed
     */
    public record Charge(String job, String build, String state, BigDecimal spent, String predictionId) {}

    /** Every charge, oldest first. */
    public List<Charge> charges() {
        String out = console.run(
                """
                def ledger = io.jenkins.plugins.happyhorse.spend.ControllerLedger.ledger()
                ledger.charges().each { c ->
                    println 'CHARGE\\t' + c.labels().job() + '\\t' + c.labels().build() + '\\t' + c.state() + '\\t' \
                        + c.spent().toPlainString() + '\\t' + c.predictionId()
                }
                """);
        List<Charge> charges = new ArrayList<>();
        out.lines().filter(line -> line.startsWith("CHARGE\t")).forEach(line -> {
            String[] f = line.split("\t", -1);
            charges.add(new Charge(f[1], f[2], f[3], new BigDecimal(f[4]), f[5]));
        });
        return charges;
    }

    /** The charges of {@code job}. */
    public List<Charge> chargesOf(String job) {
        return charges().stream().filter(c -> c.job().equals(job)).toList();
    }

    /** What the ledger counts as spent, USD. */
    public BigDecimal total() {
        return charges().stream().map(Charge::spent).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

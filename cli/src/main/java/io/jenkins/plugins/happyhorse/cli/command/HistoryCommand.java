package io.jenkins.plugins.happyhorse.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jenkins.plugins.happyhorse.cli.config.CliConfig;
import io.jenkins.plugins.happyhorse.cli.json.JsonDocument;
import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.runtime.CommandFailure;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.cli.state.RenderRecord;
import io.jenkins.plugins.happyhorse.cli.state.StateFolder;
import io.jenkins.plugins.happyhorse.cli.state.StateLocation;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code happyhorse history}: the renders the state folder remembers, newest first: when, on which
 * host, the prediction id, the seed, the estimated cost, where each stands and where its clip went.
 * A render that reused an identical earlier clip shows a cost of 0 and what it saved.
 */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Lists past renders from the state folder, newest first: time, host, id, seed, cost, state, output.",
            "ID is the prediction id, or the render's own id while the host's is not known; both work with resume."
        })
public final class HistoryCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final CliContext context;

    @Option(names = "--limit", paramLabel = "N", description = "Show at most N renders (default 20; 0 for all).")
    int limit = 20;

    @Mixin
    StateOptions state;

    @Mixin
    JsonOption json;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    public HistoryCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Reporter reporter = new Reporter(context.err(), verbose);
        JsonDocument doc = json.json ? JsonDocument.of("history") : null;
        int code;
        try {
            code = history(reporter, doc);
        } catch (CommandFailure e) {
            code = reporter.failure(e);
        }
        if (doc != null) {
            context.out().println(doc.end(code, code == ExitCode.OK ? null : reporter.last()));
        }
        return code;
    }

    private int history(Reporter reporter, JsonDocument doc) {
        CliConfig config = CliConfig.load(context.env(), context.workingDirectory());
        List<Violation> problems = new ArrayList<>();
        if (limit < 0) {
            problems.add(new Violation("--limit", Integer.toString(limit), "0 (all) or more"));
        }
        Optional<StateLocation> where = state.location(context, config, false, problems);
        if (!problems.isEmpty()) {
            return reporter.invalid(problems);
        }
        StateFolder folder = new StateFolder(where.orElseThrow().path());
        List<RenderRecord> records;
        try {
            records = folder.list();
        } catch (IOException e) {
            throw new CommandFailure(
                    ExitCode.ERROR, "The state folder " + folder.root() + " cannot be read (" + e.getMessage() + ").");
        }
        List<RenderRecord> shown = limit == 0 ? records : records.subList(0, Math.min(limit, records.size()));
        if (doc != null) {
            doc.root().put("stateDir", folder.root().toString());
            doc.root().put("total", records.size());
            ArrayNode renders = doc.root().putArray("renders");
            shown.forEach(r -> renders.add(r.toJson()));
            return ExitCode.OK;
        }
        print(shown, records.size(), folder);
        return ExitCode.OK;
    }

    /** The seed sent, "host" when the host chose it, "-" when not known (a job collected by its id). */
    private static String seed(RenderRecord r) {
        if (r.checkpoint().seed() != null) {
            return r.checkpoint().seed().toString();
        }
        return r.checkpoint().adopted() ? "-" : "host";
    }

    /** The estimate, {@code -} when unknown; a reused render cost nothing and shows what it saved. */
    private static String cost(RenderRecord r) {
        BigDecimal usd = r.checkpoint().estimatedCost();
        if (usd == null) {
            return "-";
        }
        String mark = r.simulated() ? "*" : "";
        return r.reused() ? "0" + mark + " (reused, saved " + usd.toPlainString() + ")" : usd.toPlainString() + mark;
    }

    /** One line on what reuse saved among the renders shown, or nothing when none was reused. */
    static Optional<String> savings(List<RenderRecord> shown) {
        List<RenderRecord> reused = shown.stream()
                .filter(RenderRecord::reused)
                .filter(r -> r.checkpoint().estimatedCost() != null)
                .toList();
        if (reused.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal saved =
                reused.stream().map(r -> r.checkpoint().estimatedCost()).reduce(BigDecimal.ZERO, BigDecimal::add);
        boolean billed = reused.stream().anyMatch(r -> !r.simulated());
        return Optional.of(reused.size() + (reused.size() == 1 ? " render" : " renders")
                + " reused an identical earlier clip instead of paying again, saving " + saved.toPlainString()
                + " USD" + (billed ? "" : " (of simulated, unbilled renders)") + ".");
    }

    private void print(List<RenderRecord> shown, int total, StateFolder folder) {
        PrintStream out = context.out();
        if (shown.isEmpty()) {
            out.println("No renders recorded yet in "
                    + Violation.shorten(folder.root().toString()) + ".");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TIME", "HOST", "ID", "SEED", "COST", "STATE", "OUTPUT"});
        for (RenderRecord r : shown) {
            rows.add(new String[] {
                TIME.format(r.createdAt().atZone(context.clock().getZone())),
                r.host().id() + (r.simulated() ? " (sim)" : ""),
                r.handle(),
                seed(r),
                cost(r),
                r.state().wire(),
                Violation.shorten(r.output().toString())
            });
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(
                        i == row.length - 1 ? row[i] : String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        if (shown.stream().anyMatch(RenderRecord::simulated)) {
            out.println("Costs are estimates in USD; * not billed (the built-in simulator).");
        } else {
            out.println("Costs are estimates in USD.");
        }
        savings(shown).ifPresent(out::println);
        if (total > shown.size()) {
            out.println((total - shown.size()) + " older renders not shown; --limit 0 shows all.");
        }
    }
}

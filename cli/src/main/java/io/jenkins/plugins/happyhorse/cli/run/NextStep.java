package io.jenkins.plugins.happyhorse.cli.run;

import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.state.RecordState;
import io.jenkins.plugins.happyhorse.cli.state.RenderRecord;
import io.jenkins.plugins.happyhorse.cli.state.StateLocation;
import io.jenkins.plugins.happyhorse.cli.text.ShellWords;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The exact command that collects a paid clip after a render stopped short of it: {@code resume}
 * with the job's id, {@code download} without the shape check after a failed verification, or,
 * when a lost submit can only be looked up on the host's dashboard, {@code download} with a place
 * for the id found there. Words are shell-quoted and never shortened, so it runs as printed; the
 * state folder is named when {@code --state-dir} chose it.
 */
public final class NextStep {
    /** The variable the launcher script sets to how it was called, e.g. {@code ./happyhorse}. */
    public static final String PROGRAM_VARIABLE = "HAPPYHORSE_PROG";

    /** Stands for the id the user finds on the host's dashboard. */
    public static final String ID_PLACEHOLDER = "PREDICTION_ID";

    private final String program;
    private final StateLocation state;

    private NextStep(String program, StateLocation state) {
        this.program = program;
        this.state = state;
    }

    public static NextStep of(CliContext context, StateLocation state) {
        return new NextStep(program(context), state);
    }

    /** How the user runs this command: the launcher's name for it, else {@code happyhorse}. */
    public static String program(CliContext context) {
        String named = context.env(PROGRAM_VARIABLE);
        return named == null || named.isBlank() ? "happyhorse" : named.strip();
    }

    /**
     * What to run to collect {@code r}'s clip, and a sentence to introduce it; empty when there is
     * nothing left to collect (done, failed on the host, or played by the built-in simulator).
     *
     * @param findsLostSubmits whether the host can be asked for a job whose submit reply was lost
     */
    public Optional<Advice> after(RenderRecord r, boolean findsLostSubmits) {
        if (!r.resumable()) {
            return Optional.empty();
        }
        String out = Violation.shorten(r.output().toString());
        if (r.state() == RecordState.VERIFICATION_FAILED && r.predictionId() != null) {
            return Optional.of(new Advice(
                    "The clip was paid for but is not what was asked for, so it was not kept. To download it again"
                            + " and keep it if it is a whole MP4 of any shape, run:",
                    command(
                            "download",
                            r.predictionId(),
                            "--any-shape",
                            "--out",
                            r.output().toString())));
        }
        if (r.predictionId() != null) {
            return Optional.of(new Advice(
                    "To collect the clip without paying again (it is saved to " + out + "), run:",
                    command("resume", r.predictionId())));
        }
        if (findsLostSubmits) {
            return Optional.of(new Advice(
                    "To look the job up in " + r.host().displayName() + "'s history and collect its clip without"
                            + " submitting again, run:",
                    command("resume", r.id())));
        }
        List<String> words = new ArrayList<>(
                List.of("download", ID_PLACEHOLDER, "--provider", r.host().id()));
        if (!sameBase(
                r.checkpoint().baseUrl().toString(), r.host().defaultBaseUrl().toString())) {
            words.addAll(List.of("--base-url", r.checkpoint().baseUrl().toString()));
        }
        words.addAll(List.of("--out", r.output().toString()));
        return Optional.of(new Advice(
                "If the " + r.host().displayName() + " dashboard shows a job submitted at "
                        + r.checkpoint().submittedAt() + ", collect its clip without paying again with this command,"
                        + " putting its id in place of " + ID_PLACEHOLDER + ":",
                command(words.toArray(String[]::new))));
    }

    private String command(String... words) {
        List<String> all = new ArrayList<>();
        all.add(program);
        all.addAll(List.of(words));
        if (state.fromOption()) {
            all.addAll(List.of("--state-dir", state.path().toString()));
        }
        return ShellWords.join(all);
    }

    private static boolean sameBase(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * A command to run next.
     *
     * @param sentence what it does, ending in a colon
     * @param command the command, ready to paste into a shell
     */
    public record Advice(String sentence, String command) {}
}

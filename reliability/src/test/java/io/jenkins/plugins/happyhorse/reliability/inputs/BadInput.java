package io.jenkins.plugins.happyhorse.reliability.inputs;

import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import java.util.List;
import java.util.Locale;

/**
 * One row of the bad-input matrix: what the user typed, which field is wrong, and how the
 * refusal must read. A refusal names the field (any of {@code fieldWords}, case-insensitively),
 * shows the value (every one of {@code valueTexts}: a long value is shortened, but its start and
 * its file name stay) and says what is allowed ({@code allowedText}).
 */
final class BadInput {
    final String name;
    final Input input;
    final List<String> fieldWords;
    final List<String> valueTexts;
    final String allowedText;

    /** What the engine's API throws or fails with; null when only the command line can be given this input. */
    Class<? extends Throwable> engineRefusal = InvalidRequestException.class;
    /** Whether the host may see calls (never a submission): an invalid key or an empty balance. */
    boolean reachesHost;
    /** The command line's exit code; -1 when the input cannot be typed on the command line. */
    int cliExit = 2;
    /** What the command line's refusal says is allowed, where its wording differs from the engine's. */
    String cliAllowedText;
    /** Whether the host's account is empty for this case. */
    boolean emptyBalance;
    /** A reported defect that makes the engine accept this input; null when none. */
    String engineDefect;
    /** Why the case cannot be checked here (e.g. permissions as root); null when it can. */
    String notTestable;

    BadInput(String name, Input input, List<String> fieldWords, String valueText, String allowedText) {
        this(name, input, fieldWords, List.of(valueText), allowedText);
    }

    BadInput(String name, Input input, List<String> fieldWords, List<String> valueTexts, String allowedText) {
        this.name = name;
        this.input = input;
        this.fieldWords = fieldWords;
        this.valueTexts = List.copyOf(valueTexts);
        this.allowedText = allowedText;
    }

    BadInput engine(Class<? extends Throwable> refusal) {
        engineRefusal = refusal;
        return this;
    }

    BadInput cliOnly() {
        engineRefusal = null;
        return this;
    }

    BadInput reachesHost(Class<? extends RenderException> refusal) {
        engineRefusal = refusal;
        reachesHost = true;
        return this;
    }

    /** The command line refuses with {@code exit} and says {@code allowed} (null: as the engine). */
    BadInput cli(int exit, String allowed) {
        cliExit = exit;
        cliAllowedText = allowed;
        return this;
    }

    /** The command line has no option for this input. */
    BadInput engineOnly() {
        cliExit = -1;
        return this;
    }

    BadInput emptyBalance() {
        emptyBalance = true;
        return this;
    }

    BadInput engineDefect(String id) {
        engineDefect = id;
        return this;
    }

    BadInput notTestable(String why) {
        notTestable = why;
        return this;
    }

    /** Whether {@code message} names the field. */
    boolean namesField(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return fieldWords.stream().anyMatch(w -> m.contains(w.toLowerCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        return name;
    }
}

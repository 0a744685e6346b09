package io.jenkins.plugins.happyhorse.reliability.support;

import java.util.regex.Pattern;

/**
 * Whether a failure message tells the user what to do next, not only what happened: it must
 * hold an instruction such as "check", "resume", "render again", "try again", "top up" or
 * "change".
 */
public final class Advice {
    private static final Pattern ADVICE = Pattern.compile(
            "(?i)\\b(check|render again|render it again|resume|try again|top up|change|raise|run fewer|lower|pick"
                    + "|use|correct|report|download it|configure|look|allow|fix|set|give|pass|remove|choose)\\b");

    private Advice() {}

    /** Whether {@code message} says what to do. */
    public static boolean given(String message) {
        return message != null && ADVICE.matcher(message).find();
    }
}

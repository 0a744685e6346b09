package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.util.List;

/** Lets tests name an engine violation the way the command line does. */
public final class RequestOptionsAccess {
    private RequestOptionsAccess() {}

    /** {@code v} as reported after a command line with these {@code --image} values. */
    public static Violation named(Violation v, String... images) {
        RequestOptions options = new RequestOptions();
        options.images = List.of(images);
        return options.named(v);
    }
}

package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.http.Origin;
import io.jenkins.plugins.happyhorse.client.provider.Provider;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * One render's part in its host's completion callback: whether the host is asked to call back
 * ({@link RenderOptions#webhook()}, and a host that can be asked per render), and, while the render
 * waits, its registration with the engine's {@link WebhookReceiver}, which a verified callback uses
 * to make the {@link JobWatch} ask the host now.
 */
final class CallbackListening {
    private final RenderEngine engine;
    private final RenderOptions options;
    /** Stops the receiver from waking this render; set while it listens. */
    private volatile Runnable stop;

    CallbackListening(RenderEngine engine, RenderOptions options) {
        this.engine = engine;
        this.options = options;
    }

    /** {@code checked} with the problems of its callback URL on {@code provider}'s host added, if any. */
    static Preflight withProblems(Preflight checked, Provider provider) {
        List<Violation> callback = problems(provider, checked.options().webhook());
        if (callback.isEmpty()) {
            return checked;
        }
        List<Violation> problems = new ArrayList<>(checked.problems());
        problems.addAll(callback);
        return new Preflight(checked.spec(), checked.options(), checked.estimate(), problems);
    }

    /** The problems of asking {@code provider}'s host to call {@code url} back (none for no URL or a host that cannot). */
    static List<Violation> problems(Provider provider, URI url) {
        if (url == null || provider.webhooks().isEmpty()) {
            return List.of();
        }
        return provider.webhooks()
                .get()
                .check(url, Origin.isLoopbackHost(provider.baseUrl().getHost()));
    }

    /** The URL {@code provider}'s host is asked to call back, or null when there is none or it cannot be asked. */
    URI url(Provider provider) {
        return options.webhook() != null && provider.webhooks().isPresent() ? options.webhook() : null;
    }

    /** Says, as the submit goes out, whether the host is asked to call back. */
    void announce(Provider provider, RunControl control) {
        URI callback = url(provider);
        if (callback != null) {
            control.emit(CallbackMessages.asking(provider.id(), callback));
        } else if (options.webhook() != null) {
            control.emit(CallbackMessages.cannotAsk(provider.id()));
        }
    }

    /**
     * Before {@code watch} starts: listens for callbacks about the job and lets the watch poll on
     * the safety net meanwhile. A job adopted by its id alone was never asked to call back.
     */
    void listen(Provider provider, RenderCheckpoint checkpoint, JobWatch watch, RunControl control, boolean askNow) {
        if (url(provider) == null || checkpoint.adopted()) {
            return;
        }
        // Listening before the first poll, so that no callback falls between the two.
        watch.expectCallback(engine.webhooks().safetyNet());
        Runnable s = engine.webhooks().await(checkpoint.job().orElseThrow(), options.apiKey(), watch::hint);
        stop = s;
        if (control.isOver()) {
            s.run(); // ended meanwhile, and its clean-up ran before there was anything to stop
        }
        if (askNow) {
            control.emit(CallbackMessages.listening(checkpoint.predictionId()));
        }
    }

    /** Stops listening (idempotent). */
    void stop() {
        Runnable s = stop;
        if (s != null) {
            s.run();
        }
    }
}

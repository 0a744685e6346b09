package io.jenkins.plugins.happyhorse.cli.webhook;

import io.jenkins.plugins.happyhorse.client.engine.WebhookReceiver;
import io.jenkins.plugins.happyhorse.client.receiver.WebhookServer;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookVerdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The receiver of one render (or resume) given {@code --webhook-url}: its engine's {@link
 * WebhookReceiver} served on 127.0.0.1 at a free port, plain http, and recorded in the state
 * folder's {@link Listeners} for {@code happyhorse listen} to hand it the hosts' callbacks. Closing
 * it removes the record first, then stops the server.
 */
public final class RenderReceiver implements AutoCloseable {
    private final WebhookServer server;
    private final Listeners.Registration registration;

    private RenderReceiver(WebhookServer server, Listeners.Registration registration) {
        this.server = server;
        this.registration = registration;
    }

    /**
     * Starts listening for {@code receiver} and records it in {@code stateFolder}.
     *
     * @param log hears every verdict (a refusal with its reason)
     */
    public static RenderReceiver open(WebhookReceiver receiver, Path stateFolder, Consumer<WebhookVerdict> log) {
        WebhookServer server = null;
        try {
            server = WebhookServer.builder(receiver).threads(1).log(log).start();
            return new RenderReceiver(server, new Listeners(stateFolder).add(server.url()));
        } catch (IOException e) {
            if (server != null) {
                server.close();
            }
            throw new UncheckedIOException(
                    "The receiver for the hosts' callbacks could not start (" + e.getMessage() + ")", e);
        }
    }

    /** Where it listens on loopback. */
    public URI url() {
        return server.url();
    }

    @Override
    public void close() {
        try {
            registration.close();
        } catch (IOException e) {
            // A record left behind names a port nobody answers on; the relay drops it once this process ends.
        } finally {
            server.close();
        }
    }
}

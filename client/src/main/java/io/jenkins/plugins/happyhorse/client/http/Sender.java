package io.jenkins.plugins.happyhorse.client.http;

import java.util.concurrent.CompletableFuture;

/** Sends one call, once, and returns its reply; what wraps it adds to what it does. */
@FunctionalInterface
public interface Sender {
    CompletableFuture<HttpReply> send(HttpCall call);
}

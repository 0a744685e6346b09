/**
 * A small HTTP endpoint for the hosts' completion callbacks, on the JDK's own server, for a
 * process that runs renders and can be reached by the hosts (the command line's listener): {@link
 * io.jenkins.plugins.happyhorse.client.receiver.WebhookServer} binds it (to 127.0.0.1 unless told
 * otherwise), {@link io.jenkins.plugins.happyhorse.client.receiver.WebhookHttpHandler} answers
 * each request with a plain status and no body, and hands the callback to {@link
 * io.jenkins.plugins.happyhorse.client.engine.WebhookReceiver}. A Jenkins controller uses its own
 * web server instead and calls the receiver directly.
 */
package io.jenkins.plugins.happyhorse.client.receiver;

/**
 * The command line's side of the hosts' completion callbacks: each render or resume given {@code
 * --webhook-url} runs a receiver of its own on loopback and records its address in the state
 * folder ({@link io.jenkins.plugins.happyhorse.cli.webhook.Listeners}); {@code happyhorse listen}
 * is the one port the hosts' callbacks reach, and hands each one, unchanged, to those receivers
 * ({@link io.jenkins.plugins.happyhorse.cli.webhook.CallbackRelay}). Only the render's engine
 * verifies a callback; the relay holds no key and no secret.
 */
package io.jenkins.plugins.happyhorse.cli.webhook;

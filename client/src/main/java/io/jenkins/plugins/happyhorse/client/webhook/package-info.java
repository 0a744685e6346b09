/**
 * The neutral model of a host's completion callback (a webhook): a {@link
 * io.jenkins.plugins.happyhorse.client.webhook.WebhookDelivery} as received, the {@link
 * io.jenkins.plugins.happyhorse.client.webhook.WebhookEnvelope} a host's provider reads from it
 * before anything is verified, and the {@link io.jenkins.plugins.happyhorse.client.webhook.WebhookVerdict}
 * the engine's receiver gives. Each host's signature lives in its provider; the receiving rules
 * (freshness, replay, the renders that wait) live in the engine.
 */
package io.jenkins.plugins.happyhorse.client.webhook;

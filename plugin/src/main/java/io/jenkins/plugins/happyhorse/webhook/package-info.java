/**
 * The hosts' completion callbacks (webhooks) in Jenkins: {@link
 * io.jenkins.plugins.happyhorse.webhook.WebhookEndpoint}, the unprotected POST-only root action
 * {@code /happyhorse-webhook/} that hands each callback to the controller's engines and answers
 * with the verdict's plain status, and {@link
 * io.jenkins.plugins.happyhorse.webhook.WebhookCrumbExclusion}, which lets the hosts post there
 * without a CSRF crumb. Whether renders ask for callbacks, and at which URL, is the global
 * configuration's ({@code config.WebhookSettings}).
 */
package io.jenkins.plugins.happyhorse.webhook;

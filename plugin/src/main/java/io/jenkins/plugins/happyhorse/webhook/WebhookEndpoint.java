package io.jenkins.plugins.happyhorse.webhook;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.UnprotectedRootAction;
import io.jenkins.plugins.happyhorse.client.engine.WebhookReceiver;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookRefusal;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookVerdict;
import io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration;
import io.jenkins.plugins.happyhorse.config.WebhookSettings;
import io.jenkins.plugins.happyhorse.engine.RenderEngines;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * {@code /happyhorse-webhook/}: where the hosts' completion callbacks come in. Unprotected (a host
 * has no Jenkins account; only the host's signature is trusted, checked by the engine), POST only
 * (anything else 405), and off unless the global configuration turns completion by webhook on
 * (404, and nothing reaches an engine).
 *
 * <p>A callback is handed, headers and raw body, to the engines that exist ({@link
 * RenderEngines#webhookReceivers()}), building none; the answer is the verdict's plain status
 * (204 accepted, 400 refused, 413 a body over {@link WebhookReceiver#MAX_BODY_BYTES} bytes, 415 a
 * body that is not JSON), never a body or a reason, so that a forger learns nothing, not even
 * whether a prediction exists. The body is read up to one byte over the limit; the verdict is
 * awaited at most {@link #ANSWER_WITHIN} (then 503: the host may try again). Refusals are logged
 * at FINE, never with the body, a key or a secret.
 */
@Extension
public final class WebhookEndpoint implements UnprotectedRootAction {
    private static final Logger LOGGER = Logger.getLogger(WebhookEndpoint.class.getName());

    /** How long a verdict may take (a first callback may need the host's signing keys fetched). */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    /** The status when the verdict does not come in time. */
    static final int UNAVAILABLE = 503;

    /** The status of a body that does not say it is JSON. */
    static final int NOT_JSON = 415;

    @Override
    public @CheckForNull String getIconFileName() {
        return null;
    }

    @Override
    public @CheckForNull String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return WebhookSettings.PATH;
    }

    /** Every request to the endpoint, whatever its method. */
    public void doIndex(StaplerRequest2 request, StaplerResponse2 response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!HappyHorseConfiguration.get().isWebhooksEnabled()) {
            response.setStatus(404);
            return;
        }
        if (!"POST".equals(request.getMethod().toUpperCase(Locale.ROOT))) {
            response.setHeader("Allow", "POST");
            response.setStatus(405);
            return;
        }
        response.setStatus(answer(request));
    }

    private static int answer(StaplerRequest2 request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > WebhookReceiver.MAX_BODY_BYTES) {
            LOGGER.log(Level.FINE, "Refused a callback: a body of {0} bytes declared", declared);
            return WebhookVerdict.TOO_LARGE;
        }
        if (!isJson(request.getContentType())) {
            LOGGER.log(Level.FINE, "Refused a callback: not JSON");
            return NOT_JSON;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(WebhookReceiver.MAX_BODY_BYTES + 1);
        }
        if (body.length > WebhookReceiver.MAX_BODY_BYTES) {
            LOGGER.log(Level.FINE, "Refused a callback: a body over {0} bytes", WebhookReceiver.MAX_BODY_BYTES);
            return WebhookVerdict.TOO_LARGE;
        }
        return verdict(headers(request), body);
    }

    /** The verdict's status: the first engine whose render waits for the job decides. */
    private static int verdict(Map<String, List<String>> headers, byte[] body) {
        List<WebhookReceiver> receivers = RenderEngines.webhookReceivers();
        if (receivers.isEmpty()) {
            LOGGER.log(Level.FINE, "Refused a callback: no render waits for one");
            return WebhookVerdict.REFUSED;
        }
        try {
            WebhookVerdict verdict =
                    deliver(receivers, 0, headers, body).get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            LOGGER.log(Level.FINE, "Callback {0}", verdict);
            return verdict.httpStatus();
        } catch (TimeoutException e) {
            LOGGER.log(Level.FINE, "A callback got no verdict within {0} s", ANSWER_WITHIN.toSeconds());
            return UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNAVAILABLE;
        } catch (ExecutionException e) {
            // The receivers' futures never fail; should one, the sender learns no more than a refusal.
            return WebhookVerdict.REFUSED;
        }
    }

    /** Hands the callback to each engine in turn until one has a render waiting for its job. */
    private static CompletableFuture<WebhookVerdict> deliver(
            List<WebhookReceiver> receivers, int index, Map<String, List<String>> headers, byte[] body) {
        return receivers.get(index).deliver(headers, body).thenCompose(verdict -> {
            boolean notHere = verdict.refusal().orElse(null) == WebhookRefusal.NOT_AWAITED;
            return notHere && index + 1 < receivers.size()
                    ? deliver(receivers, index + 1, headers, body)
                    : CompletableFuture.completedFuture(verdict);
        });
    }

    private static Map<String, List<String>> headers(StaplerRequest2 request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
        }
        return headers;
    }

    /** Whether the content type is JSON ({@code application/json}, parameters such as a charset allowed). */
    static boolean isJson(@CheckForNull String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }
}

package io.jenkins.plugins.happyhorse.client.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.client.connection.ModelStudioRegion;
import io.jenkins.plugins.happyhorse.client.error.AuthenticationException;
import io.jenkins.plugins.happyhorse.client.error.InsufficientBalanceException;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.http.HttpReply;
import io.jenkins.plugins.happyhorse.client.http.Verdict;
import java.net.URI;

/**
 * How Model Studio's replies are read: the error envelope {@code {request_id, code, message}}
 * [doc], and what each refusal means. Keys, models and endpoints belong to one region, and the
 * host cannot tell a wrong key from a key of another region (both are 401 {@code InvalidApiKey}),
 * so that refusal names the base URL in use and says the key may belong elsewhere.
 */
final class ModelStudioReplies {
    static final String INVALID_API_KEY = "InvalidApiKey";
    static final String ARREARAGE = "Arrearage";
    static final String MODEL_NOT_EXIST = "Model not exist";

    private final URI baseUrl;

    ModelStudioReplies(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The error envelope's {@code message}, or null. */
    static String message(HttpReply reply) {
        return Json.text(Json.parseOrNull(reply), "message");
    }

    /** The error envelope's {@code code}, e.g. {@code InvalidParameter}, or null. */
    static String code(HttpReply reply) {
        return Json.text(Json.parseOrNull(reply), "code");
    }

    /** The host's words: {@code code: message}, either alone, or null when it said nothing. */
    static String said(HttpReply reply) {
        String code = code(reply);
        String message = message(reply);
        if (code == null) {
            return message;
        }
        return message == null ? code : code + ": " + message;
    }

    /** A sentence naming the reply's request id (from the body, else the header; redacted), or nothing. */
    static String requestId(HostSession session, HttpReply reply) {
        JsonNode root = Json.parseOrNull(reply);
        String id = Json.text(root, "request_id");
        if (id == null) {
            id = session.requestId(reply);
        } else {
            id = session.redact(id);
            if (id.length() > 100) {
                id = id.substring(0, 100) + "…";
            }
        }
        return id == null ? "" : " Request id: " + id + ".";
    }

    /** The region and base URL in use, e.g. {@code https://dashscope-intl.aliyuncs.com/api/v1 (Singapore)}. */
    String where() {
        return ModelStudioRegion.of(baseUrl).describe();
    }

    /**
     * What an idempotent call's reply that is not a success means: worth another attempt (429,
     * 5xx), or a definite failure.
     */
    <T> Verdict<T> statusVerdict(HostSession session, HttpReply reply, String what) {
        if (HostErrors.retryable(reply.status())) {
            return session.retryStatus(what, reply, said(reply));
        }
        return Verdict.fail(definite(session, reply, what));
    }

    /** A refusal no retry will change, in the host's words and with what to do. */
    RenderException definite(HostSession session, HttpReply reply, String what) {
        int status = reply.status();
        String code = code(reply);
        String said = said(reply) == null ? "no reason given" : session.redact(said(reply));
        String requestId = requestId(session, reply);
        if (status == 401 || INVALID_API_KEY.equals(code)) {
            return keyRefused(status, said, what, requestId);
        }
        if (ARREARAGE.equals(code) || status == 402) {
            return new InsufficientBalanceException("Model Studio refused to " + what + " because the account is in"
                    + " arrears (HTTP " + status + " " + said + "). Top up the account, then render again."
                    + requestId);
        }
        if (status == 403) {
            return new AuthenticationException("Model Studio refused access when asked to " + what + " (HTTP 403 "
                    + said + "). Check that the key may use the model in this region (" + where() + "), and that"
                    + " the model is enabled for the account." + requestId);
        }
        if (status == 400 && message(reply) != null && message(reply).startsWith(MODEL_NOT_EXIST)) {
            return InvalidRequestException.rejectedByHost(
                    "Model Studio",
                    status,
                    said + " (models are served per region; check that the model is offered at " + where()
                            + ", or choose the region that serves it)");
        }
        return HostErrors.definite(session, reply, said(reply), what);
    }

    /**
     * A refusal of the submit: nothing was created. The host's own codes first (a key of another
     * region, arrears, a model the region does not serve); then what every host's refusal means,
     * decided in one place for all hosts ({@link Submits#refusal}: 400 invalid, 429 throttled).
     */
    RenderException submitRefusal(HostSession session, HttpReply reply) {
        String what = "submit the render";
        int status = reply.status();
        String code = code(reply);
        String message = message(reply);
        boolean ownWords = status == 401
                || status == 403
                || INVALID_API_KEY.equals(code)
                || ARREARAGE.equals(code)
                || (message != null && message.startsWith(MODEL_NOT_EXIST));
        if (ownWords) {
            return definite(session, reply, what);
        }
        return Submits.refusal(session, reply, status, said(reply), what);
    }

    /** The key was refused: wrong, revoked, or made for another region or workspace than this base URL. */
    AuthenticationException keyRefused(int status, String said, String what, String requestId) {
        return new AuthenticationException("Model Studio refused the API key when asked to " + what + " (HTTP "
                + status + " " + said + "). Keys belong to one region and workspace: the key may be wrong or"
                + " revoked, or belong to another region or workspace than the base URL in use, " + where()
                + ". Check the key, or choose the region (base URL) the key was made in." + requestId);
    }

    /**
     * A 2xx reply to an idempotent call that cannot be read: asked again, like the other hosts'.
     * Never used for the submit, which is sent once.
     */
    static <T> Verdict<T> garbled(HostSession session, HttpReply reply, String what, String advice) {
        return Verdict.retry(
                null,
                new ProtocolException("Model Studio kept sending replies that cannot be read (not JSON, or without"
                        + " the expected object) when asked to " + what + "." + requestId(session, reply) + advice));
    }
}

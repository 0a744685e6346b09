package io.jenkins.plugins.happyhorse.simulator.modelstudio;

import io.jenkins.plugins.happyhorse.simulator.http.Call;
import io.jenkins.plugins.happyhorse.simulator.http.HostStyle;
import io.jenkins.plugins.happyhorse.simulator.http.Json;
import io.jenkins.plugins.happyhorse.simulator.http.Reply;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Model Studio's reply conventions: every non-2xx reply is {@code {request_id, code, message}}
 * [doc], the code being a word such as {@code InvalidParameter}, never the HTTP status; request
 * ids are UUIDs [doc: examples].
 */
final class ModelStudioStyle implements HostStyle {
    static final String INVALID_PARAMETER = "InvalidParameter";
    static final String INVALID_API_KEY = "InvalidApiKey";
    static final String INVALID_API_KEY_MESSAGE = "Invalid API-key provided.";
    static final String RATE_QUOTA = "Throttling.RateQuota";
    static final String BURST_RATE = "Throttling.BurstRate";

    /**
     * Shapes the errors the dispatcher itself answers (scripted status faults, a body that is too
     * large, a simulator defect) with the code the host uses for that status.
     */
    @Override
    public Reply error(int status, String message, Call call) {
        switch (status) {
            case 400:
                return error(status, INVALID_PARAMETER, message, call);
            case 401:
                return error(status, INVALID_API_KEY, INVALID_API_KEY_MESSAGE, call);
            case 403:
                return error(status, "AccessDenied", "Access denied.", call);
            case 404:
                return error(status, "InvalidURL", "Invalid URL provided in your request.", call);
            case 429:
                return error(status, RATE_QUOTA, "Requests rate limit exceeded, please try again later.", call);
            case 500:
                return error(
                        status,
                        "InternalError",
                        "An internal error has occured, please try again later or contact service support.",
                        call);
            case 503:
                return error(status, "ServiceUnavailable", "The service is temporarily unavailable.", call);
            case 504:
                return error(status, "RequestTimeOut", "Request timed out, please try again later.", call);
            default:
                return error(status, "InternalError", message, call);
        }
    }

    /** An error reply with this status, code and message. */
    static Reply error(int status, String code, String message, Call call) {
        return Reply.json(
                status,
                Json.object()
                        .put("request_id", requestId(call))
                        .put("code", code)
                        .put("message", message));
    }

    /** The request id of this exchange, in the host's UUID form. */
    static String requestId(Call call) {
        return UUID.nameUUIDFromBytes(call.requestId().getBytes(StandardCharsets.US_ASCII))
                .toString();
    }
}

package io.jenkins.plugins.happyhorse.simulator.modelstudio;

import io.jenkins.plugins.happyhorse.simulator.http.Call;
import io.jenkins.plugins.happyhorse.simulator.http.Reply;

/**
 * A refusal in Model Studio's words: the HTTP status, the host's error code (for example
 * {@code InvalidParameter} or {@code Throttling.RateQuota}) and its message. The message is what
 * the host tells the client, so it never contains a key.
 */
final class ModelStudioError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    ModelStudioError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static ModelStudioError invalidParameter(String message) {
        return new ModelStudioError(400, ModelStudioStyle.INVALID_PARAMETER, message);
    }

    /** A 429 with one of the host's two throttling codes [doc]. */
    static ModelStudioError throttling(String code) {
        String message = code.equals(ModelStudioStyle.BURST_RATE)
                ? "Request rate increased too quickly, please try again later."
                : "Requests rate limit exceeded, please try again later.";
        return new ModelStudioError(429, code, message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Reply reply(Call call) {
        return ModelStudioStyle.error(status, code, getMessage(), call);
    }
}

package io.jenkins.plugins.happyhorse.simulator.atlas;

import io.jenkins.plugins.happyhorse.simulator.http.Call;
import io.jenkins.plugins.happyhorse.simulator.http.HostStyle;
import io.jenkins.plugins.happyhorse.simulator.http.Json;
import io.jenkins.plugins.happyhorse.simulator.http.Reply;

/**
 * Atlas Cloud's reply conventions: the error envelope {@code {code, msg, request_id, data:
 * null}}, an {@code X-Request-ID} header on every reply, and never a {@code Retry-After}.
 */
final class AtlasCloudStyle implements HostStyle {

    @Override
    public Reply error(int status, String message, Call call) {
        return Reply.json(
                status,
                Json.object()
                        .put("code", status)
                        .put("msg", message)
                        .put("request_id", call.requestId())
                        .putNull("data"));
    }

    @Override
    public void decorate(Reply reply, Call call) {
        reply.header("X-Request-ID", call.requestId());
    }

    @Override
    public boolean sendsRetryAfter() {
        return false;
    }
}

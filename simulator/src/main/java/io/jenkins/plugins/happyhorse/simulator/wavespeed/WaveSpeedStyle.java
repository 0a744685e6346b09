package io.jenkins.plugins.happyhorse.simulator.wavespeed;

import io.jenkins.plugins.happyhorse.simulator.http.Call;
import io.jenkins.plugins.happyhorse.simulator.http.HostStyle;
import io.jenkins.plugins.happyhorse.simulator.http.Json;
import io.jenkins.plugins.happyhorse.simulator.http.Reply;

/** WaveSpeed's error body: {@code {code, message}} with the HTTP status as code. */
final class WaveSpeedStyle implements HostStyle {

    @Override
    public Reply error(int status, String message, Call call) {
        return Reply.json(status, Json.object().put("code", status).put("message", message));
    }
}

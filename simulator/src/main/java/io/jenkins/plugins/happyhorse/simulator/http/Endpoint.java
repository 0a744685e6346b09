package io.jenkins.plugins.happyhorse.simulator.http;

import java.io.IOException;

/** Handles one routed request and returns the reply to send. */
@FunctionalInterface
public interface Endpoint {

    /**
     * @throws HttpProblem to answer with an error status in the host's style
     * @throws IOException when the connection fails while the request is read
     */
    Reply handle(Call call) throws HttpProblem, IOException;
}

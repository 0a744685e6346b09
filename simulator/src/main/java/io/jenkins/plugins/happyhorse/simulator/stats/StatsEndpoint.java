package io.jenkins.plugins.happyhorse.simulator.stats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.MediaAuthorization;
import io.jenkins.plugins.happyhorse.simulator.SimulatedJob;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import io.jenkins.plugins.happyhorse.simulator.http.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code GET /_simulator/stats} on the API origin: the counters as JSON, for tests that run the
 * simulator as a separate process (a Jenkins controller against {@code happyhorse simulate}).
 *
 * <p>It lives under a prefix of its own, {@value #PREFIX}, that neither host uses, and has its own
 * context on the server: it is not routed through the hosts' dispatcher, so reading it is never
 * counted as a request to a host and no scripted fault applies to it. Nothing secret is in it: the
 * media origin's and Model Studio's storage origin's Authorization headers are reported by scheme
 * and whether they carried the key.
 * Each job is listed with its prompt, so that tests running several renders at once can count
 * their own.
 *
 * <pre>{@code
 * {"submissions": {"wavespeed": 1, "atlascloud": 0, "total": 1},
 *  "refusedSubmits": {"wavespeed": 2, "atlascloud": 0, "total": 2},
 *  "charges": {"wavespeed": 0.84, "atlascloud": 0, "total": 0.84},
 *  "requests": {"WS_UPLOAD": 2, ..., "ANY": 7}, "unmatchedRequests": 0,
 *  "authenticationFailures": 0, "faults": {"STATUS": 0, ...}, "mediaBytesServed": 12345,
 *  "webhooks": {"planned": 1, "sent": 1, "accepted": 1, "refused": 0, "failed": 0, "dropped": 0},
 *  "mediaAuthorizations": [{"method": "GET", "path": "/outputs/..", "scheme": "Bearer", "carriesApiKey": true}],
 *  "storageAuthorizations": [],
 *  "jobs": [{"id": "..", "host": "wavespeed", "prompt": "..", "cost": 0.84, "status": "completed",
 *            "finished": true, "polls": 3, "downloads": 1, "watermark": false,
 *            "createdAt": "2026-03-01T10:00:00Z", "completesAt": "2026-03-01T10:01:40Z"}]}
 * }</pre>
 */
public final class StatsEndpoint implements HttpHandler {
    /** The context this endpoint's server context is created on; no host path starts with it. */
    public static final String PREFIX = "/_simulator/";

    /** The one path served. */
    public static final String PATH = PREFIX + "stats";

    private final StatsRecorder stats;
    private final Supplier<List<SimulatedJob>> jobs;

    /**
     * @param stats the counters to report
     * @param jobs a snapshot of every job, oldest first
     */
    public StatsEndpoint(StatsRecorder stats, Supplier<List<SimulatedJob>> jobs) {
        this.stats = stats;
        this.jobs = jobs;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            if (!PATH.equals(path)) {
                send(exchange, 404, "{\"error\":\"not found: the simulator serves only GET " + PATH + " here\"}");
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "{\"error\":\"method not allowed: use GET\"}");
                return;
            }
            byte[] body = Json.MAPPER
                    .writerWithDefaultPrettyPrinter()
                    .with(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                    .writeValueAsBytes(snapshot());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } finally {
            exchange.close();
        }
    }

    /** The counters now, as the JSON object this endpoint sends. */
    public ObjectNode snapshot() {
        ObjectNode root = Json.object();
        ObjectNode submissions = root.putObject("submissions");
        ObjectNode refused = root.putObject("refusedSubmits");
        ObjectNode charges = root.putObject("charges");
        long submissionTotal = 0;
        long refusedTotal = 0;
        BigDecimal chargeTotal = BigDecimal.ZERO;
        for (Host host : Host.values()) {
            long count = stats.submissions(host);
            BigDecimal charge = stats.charges(host);
            submissions.put(host.id(), count);
            refused.put(host.id(), stats.refusedSubmits(host));
            refusedTotal += stats.refusedSubmits(host);
            charges.put(host.id(), charge);
            submissionTotal += count;
            chargeTotal = chargeTotal.add(charge);
        }
        submissions.put("total", submissionTotal);
        refused.put("total", refusedTotal);
        charges.put("total", chargeTotal);
        ObjectNode requests = root.putObject("requests");
        for (Route route : Route.values()) {
            requests.put(route.name(), stats.requests(route));
        }
        root.put("unmatchedRequests", stats.unmatchedRequests());
        root.put("authenticationFailures", stats.authenticationFailures());
        ObjectNode faults = root.putObject("faults");
        for (Fault.Kind kind : Fault.Kind.values()) {
            faults.put(kind.name(), stats.faults(kind));
        }
        root.put("mediaBytesServed", stats.mediaBytes());
        // The completion callbacks sent to receivers, and what became of them.
        long[] hooks = stats.webhooks();
        ObjectNode webhooks = root.putObject("webhooks");
        String[] names = {"planned", "sent", "accepted", "refused", "failed", "dropped"};
        for (int i = 0; i < names.length && i < hooks.length; i++) {
            webhooks.put(names[i], hooks[i]);
        }
        ArrayNode authorizations = root.putArray("mediaAuthorizations");
        for (MediaAuthorization seen : stats.mediaAuthorizations()) {
            ObjectNode entry = authorizations.addObject();
            entry.put("method", seen.method());
            entry.put("path", seen.path());
            entry.put("scheme", seen.scheme());
            entry.put("carriesApiKey", seen.carriesApiKey());
        }
        // Model Studio's storage origin must never see a key: every header that reached it.
        ArrayNode storage = root.putArray("storageAuthorizations");
        for (MediaAuthorization seen : stats.storageAuthorizations()) {
            ObjectNode entry = storage.addObject();
            entry.put("method", seen.method());
            entry.put("path", seen.path());
            entry.put("scheme", seen.scheme());
            entry.put("carriesApiKey", seen.carriesApiKey());
        }
        // Per job, so that tests running several builds at once can tell their own apart (by prompt).
        ArrayNode jobList = root.putArray("jobs");
        for (SimulatedJob job : jobs.get()) {
            ObjectNode entry = jobList.addObject();
            entry.put("id", job.id());
            entry.put("host", job.host().id());
            entry.put("prompt", job.parameters().prompt());
            entry.put("cost", job.cost());
            entry.put("status", job.status());
            entry.put("finished", job.finished());
            entry.put("polls", job.polls());
            entry.put("downloads", job.downloads());
            // Simulated time, so that a test outside the process can tell how many jobs ran at once.
            entry.put("createdAt", job.createdAtSimulated().toString());
            entry.put("completesAt", job.completesAtSimulated().toString());
            // Whether the host draws its mark on the clip, as it applied the request (Model Studio).
            entry.put(
                    "watermark",
                    job.input().path("parameters").path("watermark").asBoolean(false));
        }
        return root;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}

package io.jenkins.plugins.happyhorse.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.bench.fleet.RunFigures;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns results into text: one-line progress, a plain-text report for the console and Markdown
 * tables for the documentation. Works on the JSON form, so a report can be made again from a
 * saved {@code results.json}.
 */
public final class Report {
    private Report() {}

    /** A figure with as many decimals as it deserves; {@code n/a} for NaN. */
    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        String format = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        if (a == Math.rint(a) && a < 1e15) {
            format = "%.0f";
        }
        return String.format(Locale.ROOT, format, v);
    }

    /** Bytes as KiB. */
    public static String kib(double bytes) {
        return number(bytes / 1024);
    }

    /** Bytes as MiB. */
    public static String mib(double bytes) {
        return number(bytes / (1024 * 1024));
    }

    /** One run in one line, for the progress log. */
    public static String oneLine(RunFigures r) {
        StringBuilder b = new StringBuilder();
        b.append(r.label())
                .append(": ")
                .append(r.completed())
                .append('/')
                .append(r.renders())
                .append(" done");
        if (r.heap().measured()) {
            b.setLength(0);
            b.append(r.label()).append(": ").append(r.renders()).append(" submitted");
        }
        if (r.heap().measured()) {
            b.append(" (stopped at the plateau)");
        } else if (r.failed() > 0) {
            b.append(", ").append(r.failed()).append(" failed, e.g. ").append(r.failures());
        }
        b.append(", threads +")
                .append(r.threads().growth())
                .append(" (sim ")
                .append(r.threads().simulatorPeak())
                .append(')');
        if (r.heap().measured()) {
            b.append(", heap/render ")
                    .append(kib(r.heap().perRenderBytes()))
                    .append(" KiB (raw ")
                    .append(kib(r.heap().perRenderRawBytes()))
                    .append(", ")
                    .append(r.heap().serverConnections())
                    .append(" server connections)")
                    .append(r.heap().clean() ? "" : " (plateau not clean)")
                    .append(", sim/job ")
                    .append(kib(r.heap().simulatorPerJobBytes()))
                    .append(" KiB")
                    .append(", stacks/render ")
                    .append(kib(r.heap().threadStacksPerRenderBytes()))
                    .append(" KiB");
        }
        b.append(", req/render ")
                .append(number(r.requests().total()))
                .append(" (status ")
                .append(number(r.requests().status()))
                .append(')');
        if (r.delay().samples() > 0) {
            b.append(", delay p50/p95/max ")
                    .append(number(r.delay().p50()))
                    .append('/')
                    .append(number(r.delay().p95()))
                    .append('/')
                    .append(number(r.delay().max()))
                    .append(" s (lag ")
                    .append(number(r.delay().lagP50()))
                    .append(" s)");
        }
        b.append(", ").append(number(r.wallSeconds())).append(" s real");
        return b.toString();
    }

    /** The whole report as Markdown tables. */
    public static String markdown(JsonNode results) {
        StringBuilder md = new StringBuilder();
        JsonNode scenarios = results.path("scenarios");
        for (Iterator<Map.Entry<String, JsonNode>> it = scenarios.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode s = e.getValue();
            md.append("### ")
                    .append(e.getKey())
                    .append(": ")
                    .append(s.path("title").asText())
                    .append("\n\n");
            if (s.has("error")) {
                md.append("**The scenario failed:** ")
                        .append(s.path("error").asText())
                        .append("\n\n");
                continue;
            }
            md.append(settingsLine(s.path("settings"))).append("\n\n");
            if (s.has("runs")) {
                table(md, runHeader(), runRows(s.path("runs")));
                routeTable(md, s.path("runs"));
            }
            if (s.has("transfers")) {
                table(md, List.of("transfer", "MiB", "median s", "MiB/s", "heap growth MiB"), transferRows(s));
            }
            if (s.path("summary").isObject()) {
                md.append("Summary: ").append(summaryLine(s.path("summary"))).append("\n\n");
            }
        }
        md.append("### Targets\n\n");
        table(md, List.of("scenario", "target", "limit", "measured", "unit", "met", "how"), targetRows(results));
        return md.toString();
    }

    /** The whole report as plain text for the console. */
    public static String text(JsonNode results) {
        return markdown(results).replace("**", "");
    }

    private static List<String> runHeader() {
        return List.of(
                "client",
                "renders",
                "done",
                "thread growth",
                "heap / waiting render KiB (raw)",
                "thread stacks / waiting render KiB",
                "requests / render (status)",
                "delay p50 / p95 / max s",
                "lag p50 s",
                "real s");
    }

    private static List<List<String>> runRows(JsonNode runs) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode r : runs) {
            JsonNode heap = r.path("heap");
            JsonNode delay = r.path("delay");
            boolean measured = heap.path("measured").asBoolean();
            if (measured) {
                // Stopped at the plateau and cancelled: only threads and memory mean something.
                rows.add(List.of(
                        r.path("label").asText(),
                        r.path("renders").asText(),
                        "all waiting" + (heap.path("clean").asBoolean() ? "" : " (NOT CLEAN)") + ", then cancelled",
                        r.path("threads").path("growth").asText(),
                        kib(d(heap, "perRenderBytes")) + " (raw " + kib(d(heap, "perRenderRawBytes")) + ")",
                        kib(d(heap, "threadStacksPerRenderBytes")),
                        "–",
                        "–",
                        "–",
                        number(d(r, "wallSeconds"))));
                continue;
            }
            rows.add(List.of(
                    r.path("label").asText(),
                    r.path("renders").asText(),
                    r.path("completed").asInt()
                            + (r.path("failed").asInt() > 0
                                    ? " (" + r.path("failed").asInt() + " failed)"
                                    : ""),
                    r.path("threads").path("growth").asText(),
                    "–",
                    "–",
                    number(d(r.path("requests"), "total")) + " (" + number(d(r.path("requests"), "status")) + ")",
                    delay.path("samples").asInt() == 0
                            ? "–"
                            : number(d(delay, "p50")) + " / " + number(d(delay, "p95")) + " / "
                                    + number(d(delay, "max")),
                    delay.path("samples").asInt() == 0 ? "–" : number(d(delay, "lagP50")),
                    number(d(r, "wallSeconds"))));
        }
        return rows;
    }

    /** Requests per render by endpoint, one column per route any run used. */
    private static void routeTable(StringBuilder md, JsonNode runs) {
        List<String> routes = new ArrayList<>();
        for (JsonNode r : runs) {
            for (Iterator<String> it = r.path("requests").path("byRoute").fieldNames(); it.hasNext(); ) {
                String route = it.next();
                if (!routes.contains(route)) {
                    routes.add(route);
                }
            }
        }
        List<String> header = new ArrayList<>();
        header.add("requests per render by endpoint");
        header.addAll(routes);
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode r : runs) {
            if (r.path("heap").path("measured").asBoolean()) {
                continue; // stopped at the plateau: its counts cover only the start
            }
            List<String> row = new ArrayList<>();
            row.add(r.path("label").asText());
            for (String route : routes) {
                row.add(number(d(r.path("requests").path("byRoute"), route)).replace("n/a", "0"));
            }
            rows.add(row);
        }
        table(md, header, rows);
    }

    private static List<List<String>> transferRows(JsonNode s) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode t : s.path("transfers")) {
            rows.add(List.of(
                    t.path("transfer").asText(),
                    mib(d(t, "bytes")),
                    number(d(t, "medianSeconds")),
                    number(d(t, "throughputMiBs")),
                    mib(d(t, "heapGrowthBytes"))));
        }
        return rows;
    }

    private static List<List<String>> targetRows(JsonNode results) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode t : results.path("targets")) {
            rows.add(List.of(
                    t.path("scenario").asText(),
                    t.path("name").asText(),
                    t.path("limit").asText(),
                    number(d(t, "value")),
                    t.path("unit").asText(),
                    t.path("met").asBoolean() ? "**met**" : "**MISSED**",
                    t.path("note").asText()));
        }
        return rows;
    }

    private static String settingsLine(JsonNode settings) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            parts.add(e.getKey() + " " + (v.isNumber() ? number(v.asDouble()) : v.asText()));
        }
        return "Settings: " + String.join("; ", parts) + ".";
    }

    private static String summaryLine(JsonNode summary) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = summary.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                parts.add(e.getKey() + " {" + summaryLine(v) + "}");
            } else {
                parts.add(e.getKey() + " " + (v.isNumber() ? number(v.asDouble()) : v.asText()));
            }
        }
        return String.join("; ", parts);
    }

    private static double d(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    private static void table(StringBuilder md, List<String> header, List<List<String>> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n");
        md.append("|").append("---|".repeat(header.size())).append('\n');
        for (List<String> row : rows) {
            md.append("| ").append(String.join(" | ", row).replace("\n", " ")).append(" |\n");
        }
        md.append('\n');
    }
}

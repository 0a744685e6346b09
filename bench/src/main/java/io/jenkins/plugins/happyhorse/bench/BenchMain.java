package io.jenkins.plugins.happyhorse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.bench.measure.ThreadCensus;
import io.jenkins.plugins.happyhorse.bench.report.PollingChart;
import io.jenkins.plugins.happyhorse.bench.report.Report;
import io.jenkins.plugins.happyhorse.bench.scenario.FilesScenario;
import io.jenkins.plugins.happyhorse.bench.scenario.NightlyScenario;
import io.jenkins.plugins.happyhorse.bench.scenario.PollingScenario;
import io.jenkins.plugins.happyhorse.bench.scenario.ScaleScenario;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark program. {@code all} (or a list of scenario names) runs each scenario in a JVM of
 * its own, started with the same options, so that threads, heap and JIT state never carry over
 * from one scenario to the next; then it prints the report, writes {@code results.json} and
 * {@code results.md} to the output directory, and copies the JSON and the polling chart to the
 * documentation directory.
 *
 * <pre>
 * java -Xmx8g -jar bench/target/happyhorse-bench.jar all [--quick] [--out DIR] [--docs DIR | --no-docs]
 * </pre>
 */
public final class BenchMain {
    private static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        for (Scenario s : List.of(
                new FilesScenario(),
                new PollingScenario(),
                ScaleScenario.thousand(),
                ScaleScenario.tenThousand(),
                new NightlyScenario())) {
            SCENARIOS.put(s.name(), s);
        }
    }

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        // Before anything opens a connection or a server: these are read once per JVM.
        // One keep-alive connection per baseline thread, as one sample-code process per render has.
        System.setProperty("http.maxConnections", "20000");
        // The JDK server behind the simulator closes idle connections beyond 200; neither client
        // should lose its connections to that.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "20000");
        System.setProperty("java.awt.headless", "true");
        ThreadCensus.Count jvmStart = ThreadCensus.take();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.exit(run(args, jvmStart, out));
    }

    static int run(String[] args, ThreadCensus.Count jvmStart, PrintStream out) throws Exception {
        Options options = Options.parse(args);
        if (options.names.isEmpty() || options.help) {
            out.println(usage());
            return options.help ? 0 : 64;
        }
        Settings settings = options.quick ? Settings.small() : Settings.full();
        if (options.child != null) {
            return runChild(options, settings, jvmStart, out);
        }
        if (options.names.get(0).equals("report")) {
            if (options.names.size() != 2) {
                out.println("Usage: report <results.json>");
                return 64;
            }
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            return publish(
                    (ObjectNode) json.readTree(Path.of(options.names.get(1)).toFile()), options, out, json);
        }
        List<String> names = new ArrayList<>();
        for (String n : options.names) {
            if (n.equals("all")) {
                names.addAll(SCENARIOS.keySet());
            } else if (SCENARIOS.containsKey(n)) {
                names.add(n);
            } else {
                out.println("Unknown scenario '" + n + "'.\n" + usage());
                return 64;
            }
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode results = json.createObjectNode();
        results.put("startedAt", Instant.now().toString());
        results.put(
                "command",
                "java " + String.join(" ", jvmOptions()) + " -jar happyhorse-bench.jar " + String.join(" ", args));
        results.set("machine", Machine.describe(json));
        results.set("settings", json.valueToTree(settings));
        ObjectNode scenarios = results.putObject("scenarios");
        ArrayNode targets = results.putArray("targets");
        for (String name : names) {
            out.println("== " + name + ": " + SCENARIOS.get(name).title());
            JsonNode fragment = fork(name, options, out, json);
            scenarios.set(name, fragment);
            fragment.path("targets").forEach(targets::add);
            if (fragment.has("error")) {
                ObjectNode t = targets.addObject();
                t.put("scenario", name);
                t.put("name", "the scenario ran");
                t.put("limit", "no error");
                t.put("value", Double.NaN);
                t.put("unit", "");
                t.put("met", false);
                t.put("note", fragment.path("error").asText());
            }
        }
        results.put("finishedAt", Instant.now().toString());
        results.put(
                "loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return publish(results, options, out, json);
    }

    /** Prints the report and writes results, Markdown and chart (again, for {@code report}). */
    private static int publish(ObjectNode results, Options options, PrintStream out, ObjectMapper json)
            throws IOException {
        Files.createDirectories(options.out);
        JsonNode scenarios = results.path("scenarios");
        JsonNode targets = results.path("targets");
        Path resultsJson = options.out.resolve("results.json");
        json.writeValue(resultsJson.toFile(), results);
        Files.writeString(options.out.resolve("results.md"), Report.markdown(results), StandardCharsets.UTF_8);
        out.println();
        out.println(Report.text(results));
        out.println("Wrote " + resultsJson + " and " + options.out.resolve("results.md"));
        if (options.docs != null) {
            Files.createDirectories(options.docs);
            json.writeValue(options.docs.resolve("performance.json").toFile(), results);
            out.println("Wrote " + options.docs.resolve("performance.json"));
        }
        JsonNode polling = scenarios.path("polling");
        if (polling.has("curve")) {
            Path chart = options.out.resolve("performance-polling.png");
            PollingChart.draw(polling, PollingScenario.MAX_REQUEST_SHARE, chart);
            out.println("Wrote " + chart);
            if (options.docs != null) {
                Files.copy(
                        chart,
                        options.docs.resolve("performance-polling.png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                out.println("Wrote " + options.docs.resolve("performance-polling.png"));
            }
        }
        long missed = 0;
        for (JsonNode t : targets) {
            if (!t.path("met").asBoolean()) {
                missed++;
            }
        }
        out.println(missed == 0 ? "Every target met." : missed + " of " + targets.size() + " targets MISSED.");
        return 0;
    }

    /** Runs one scenario in this JVM and writes its result to the fragment file. */
    private static int runChild(Options options, Settings settings, ThreadCensus.Count jvmStart, PrintStream out)
            throws IOException {
        Scenario scenario = SCENARIOS.get(options.child);
        if (scenario == null) {
            out.println("Unknown scenario '" + options.child + "'.");
            return 64;
        }
        Path work = Files.createTempDirectory("happyhorse-bench-");
        Context context = new Context(settings, jvmStart, work, out);
        ObjectMapper json = context.json();
        ObjectNode result;
        try {
            result = scenario.run(context);
        } catch (Exception | Error e) {
            e.printStackTrace(out);
            result = json.createObjectNode();
            result.put("title", scenario.title());
            result.put("error", e.toString());
        } finally {
            deleteTree(work);
        }
        json.writeValue(options.fragment.toFile(), result);
        return 0;
    }

    /** Runs {@code name} in a child JVM with this JVM's options; returns its result. */
    private static JsonNode fork(String name, Options options, PrintStream out, ObjectMapper json)
            throws IOException, InterruptedException {
        Path fragment = Files.createTempFile("happyhorse-bench-" + name + "-", ".json");
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions());
            command.addAll(SCENARIOS.get(name).jvmOptions());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(BenchMain.class.getName());
            command.add("--child");
            command.add(name);
            command.add("--fragment");
            command.add(fragment.toString());
            if (options.quick) {
                command.add("--quick");
            }
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(60, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return error(json, name, "did not finish within 60 minutes");
            }
            if (process.exitValue() != 0 || Files.size(fragment) == 0) {
                return error(json, name, "its JVM exited with status " + process.exitValue());
            }
            return json.readTree(fragment.toFile());
        } finally {
            Files.deleteIfExists(fragment);
        }
    }

    private static JsonNode error(ObjectMapper json, String name, String why) {
        ObjectNode node = json.createObjectNode();
        node.put("title", SCENARIOS.get(name).title());
        node.put("error", why);
        return node;
    }

    private static List<String> jvmOptions() {
        List<String> list = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
                list.add(arg);
            }
        }
        return list;
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Left to the temp directory's cleanup.
                }
            });
        } catch (IOException e) {
            // Nothing more to do.
        }
    }

    private static String usage() {
        return String.join(
                "\n",
                "Usage: java -Xmx8g -jar happyhorse-bench.jar <scenario>... [options]",
                "Scenarios: all, " + String.join(", ", SCENARIOS.keySet()),
                "       java -jar happyhorse-bench.jar report <results.json>   (report and chart again from saved results)",
                "Options:",
                "  --quick       small counts, to check the harness (figures are not meaningful)",
                "  --out DIR     where results.json, results.md and the chart go (default: next to the jar)",
                "  --docs DIR    also copy results and chart there as performance.json / performance-polling.png"
                        + " (default: the checkout's docs/ when the jar sits in bench/target*)",
                "  --no-docs     do not write to the documentation directory");
    }

    /** The command line. */
    static final class Options {
        final List<String> names = new ArrayList<>();
        boolean quick;
        boolean help;
        Path out;
        Path docs;
        String child;
        Path fragment;

        static Options parse(String[] args) {
            Options o = new Options();
            boolean noDocs = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--quick" -> o.quick = true;
                    case "--help", "-h" -> o.help = true;
                    case "--out" -> o.out = Path.of(value(args, ++i, a));
                    case "--docs" -> o.docs = Path.of(value(args, ++i, a));
                    case "--no-docs" -> noDocs = true;
                    case "--child" -> {
                        o.child = value(args, ++i, a);
                        o.names.add(o.child);
                    }
                    case "--fragment" -> o.fragment = Path.of(value(args, ++i, a));
                    default -> o.names.add(a.toLowerCase(Locale.ROOT));
                }
            }
            Path jarDir = jarDirectory();
            if (o.out == null) {
                o.out = jarDir != null ? jarDir : Path.of("bench-results");
            }
            if (noDocs || o.quick && o.docs == null) {
                o.docs = null;
            } else if (o.docs == null && jarDir != null) {
                // bench/target*/happyhorse-bench.jar → the checkout is two levels up.
                Path module = jarDir.toAbsolutePath().getParent();
                Path checkout = module == null ? null : module.getParent();
                if (checkout != null && Files.isDirectory(checkout.resolve("docs"))) {
                    o.docs = checkout.resolve("docs");
                }
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        /** The directory of the running jar, or null when not run from a jar. */
        private static Path jarDirectory() {
            String cp = System.getProperty("java.class.path", "");
            if (cp.endsWith(".jar") && !cp.contains(java.io.File.pathSeparator)) {
                Path parent = Path.of(cp).toAbsolutePath().getParent();
                return parent;
            }
            return null;
        }
    }
}

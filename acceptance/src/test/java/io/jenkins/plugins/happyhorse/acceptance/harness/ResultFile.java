package io.jenkins.plugins.happyhorse.acceptance.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes {@code target/acceptance-result.txt}, one {@code key=value} per line in a fixed order
 * ({@code commit}, {@code worktree}, {@code status}, {@code passed}, {@code failed},
 * {@code skipped}, {@code seconds}, {@code finished}), and {@code target/acceptance-scenarios.txt}
 * with each scenario's result and time. Only scenarios count, not the suite's own unit tests.
 * Registered as a service for this module's run.
 */
public final class ResultFile implements TestExecutionListener {
    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
    private final List<String> rows = new ArrayList<>();
    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private volatile long planStart;
    private volatile TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        planStart = System.nanoTime();
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        startedAt.put(id.getUniqueId(), System.nanoTime());
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (!Scenarios.isScenario(id.getSource())) {
            return;
        }
        long tests = id.isTest()
                ? 1
                : plan.getDescendants(id).stream()
                        .filter(TestIdentifier::isTest)
                        .count();
        skipped.addAndGet((int) tests);
        row(id, "SKIPPED (" + reason + ")", 0);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Long start = startedAt.remove(id.getUniqueId());
        if (!Scenarios.isScenario(id.getSource())) {
            return;
        }
        double seconds = start == null ? 0 : (System.nanoTime() - start) / 1e9;
        TestExecutionResult.Status status = result.getStatus();
        if (id.isTest()) {
            switch (status) {
                case SUCCESSFUL -> passed.incrementAndGet();
                case ABORTED -> skipped.incrementAndGet();
                default -> failed.incrementAndGet();
            }
            row(id, status + failure(result), seconds);
        } else if (status == TestExecutionResult.Status.FAILED) {
            // A failed set-up (a Jenkins that did not start) fails its scenarios without running them.
            failed.incrementAndGet();
            row(id, "SET-UP FAILED" + failure(result), seconds);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        long seconds = Math.round((System.nanoTime() - planStart) / 1e9);
        Path buildDir = Path.of(System.getProperty("hh.acceptance.buildDir", "target"));
        Path projectDir = Path.of(System.getProperty("hh.acceptance.projectDir", ".."));
        boolean ran = AcceptanceEnvironment.configured();
        int skippedCount = ran ? skipped.get() : SkipWithoutJenkins.leftOut();
        String status = !ran ? "skipped" : failed.get() > 0 ? "failed" : "passed";
        StringBuilder out = new StringBuilder();
        out.append("commit=").append(git(projectDir, "rev-parse", "HEAD")).append('\n');
        String changes = git(projectDir, "status", "--porcelain", "--untracked-files=no");
        out.append("worktree=")
                .append(changes.isEmpty() ? "clean" : changes.equals("unknown") ? "unknown" : "modified")
                .append('\n');
        out.append("status=").append(status).append('\n');
        out.append("passed=").append(passed.get()).append('\n');
        out.append("failed=").append(failed.get()).append('\n');
        out.append("skipped=").append(skippedCount).append('\n');
        out.append("seconds=").append(seconds).append('\n');
        out.append("finished=")
                .append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append('\n');
        if (!ran) {
            out.append("reason=").append(AcceptanceEnvironment.skipLine()).append('\n');
        }
        try {
            Files.createDirectories(buildDir);
            Files.writeString(buildDir.resolve("acceptance-result.txt"), out.toString(), StandardCharsets.UTF_8);
            synchronized (rows) {
                Files.write(buildDir.resolve("acceptance-scenarios.txt"), rows, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            System.err.println("Could not write the acceptance result: " + e.getMessage());
        }
        if (ran) {
            System.out.println("Jenkins acceptance suite: " + passed.get() + " passed, " + failed.get() + " failed, "
                    + skippedCount + " skipped in " + seconds + " s (" + buildDir.resolve("acceptance-result.txt")
                    + ")");
        }
    }

    private void row(TestIdentifier id, String result, double seconds) {
        String name = plan == null ? id.getDisplayName() : path(id);
        synchronized (rows) {
            rows.add(String.format(Locale.ROOT, "%-100s %7.1f s  %s", name, seconds, result));
        }
    }

    private String path(TestIdentifier id) {
        List<String> names = new ArrayList<>();
        TestIdentifier current = id;
        while (current != null && current.getParentId().isPresent()) {
            names.add(0, current.getDisplayName());
            current = plan.getParent(current).orElse(null);
        }
        return String.join(" > ", names);
    }

    private static String failure(TestExecutionResult result) {
        return result.getThrowable()
                .map(t -> ": " + firstLine(String.valueOf(t.getMessage())))
                .orElse("");
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output;
            try (InputStream in = process.getInputStream()) {
                output = in.readAllBytes();
            }
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return "unknown";
            }
            return new String(output, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}

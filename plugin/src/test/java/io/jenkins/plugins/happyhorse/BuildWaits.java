package io.jenkins.plugins.happyhorse;

import static org.awaitility.Awaitility.await;

import hudson.model.Run;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * How the JenkinsRule tests wait for a running build to reach a point: its render parked on a held
 * request, waiting for its host, listening for a callback. How long a build takes to get there is
 * the machine's business, not the plugin's (a first Pipeline build in a fresh JVM compiles its
 * script and loads the CPS classes; a restarted controller loads the build and resumes it), and on
 * a loaded machine it takes many times as long as on an idle one. So these waits have no wall-clock
 * bound of their own that a slow machine could reach: a wait ends when its condition holds, fails at
 * once, with the build's log, when the build ends without it (a real failure is not reported as a
 * timeout), and is otherwise bounded by the harness's own per-session timeout, which also dumps
 * every thread.
 */
final class BuildWaits {

    private static final Duration POLL = Duration.ofMillis(50);

    private BuildWaits() {}

    /** Waits until {@code condition} holds while {@code build} runs; {@code what} names it in a failure. */
    static void until(Run<?, ?> build, String what, Callable<Boolean> condition) {
        await(what).forever().pollInterval(POLL).until(() -> {
            if (condition.call()) {
                return true;
            }
            // Asked again after the build is seen over: it may have got there just before it ended.
            if (!build.isBuilding() && !condition.call()) {
                throw new AssertionError(build + " ended (" + build.getResult() + ") before " + what + "; its log:\n"
                        + JenkinsRule.getLog(build));
            }
            return false;
        });
    }
}

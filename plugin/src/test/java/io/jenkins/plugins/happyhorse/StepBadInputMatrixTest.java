package io.jenkins.plugins.happyhorse;

import static io.jenkins.plugins.happyhorse.RenderFixture.API_KEY;
import static io.jenkins.plugins.happyhorse.RenderFixture.CREDENTIALS_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.FilePath;
import hudson.Functions;
import hudson.model.Result;
import hudson.model.TaskListener;
import hudson.util.Secret;
import io.jenkins.plugins.happyhorse.action.RenderAction;
import io.jenkins.plugins.happyhorse.action.RenderRecord;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.awt.Color;
import java.io.File;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The bad-input matrix through the {@code happyHorseRender} Pipeline step. Each case is a Pipeline
 * whose step gets one bad value (a reference image, a URL, a setting, a credential, an output
 * path) and must fail its build with a message that names the field, shows the value and says
 * what is allowed, while the simulated hosts count no submission and no charge, and no request at
 * all except for the two refusals only a host can make (an invalid key, an empty balance). After
 * every case the build's folder is searched for each secret the tests know.
 *
 * <p>The messages asserted are the ones the plugin and the engine write ({@code Violation},
 * {@code RenderPreparation}, {@code WorkspaceImageScanner}, {@code OutputPaths}, {@code
 * ApiKeyLookup}, the engine's typed failures) and, for a value of the wrong type, the one Jenkins
 * writes when it binds the step's arguments.
 *
 * <p>One Jenkins serves the whole class (made in {@link #startJenkins}); each case has its own job,
 * workspace and simulator, so its counts start at zero.
 */
@WithJenkins
class StepBadInputMatrixTest {

    /** The key of a credential the simulator refuses (HTTP 401). */
    private static final String WRONG_KEY = "hh-wrong-key-0c4e8a2f6b1d3957e2a4";

    /** The password of a credential of the wrong kind. */
    private static final String PASSWORD = "s3cr3t-pass-5d2b9e7a1c";

    /** Every secret the cases hold; none may reach a log or a file of a build. */
    private static final List<String> SECRETS = List.of(API_KEY, WRONG_KEY, PASSWORD);

    private static final String IMAGES_ALLOWED =
            "allowed: workspace paths or globs of png, jpeg or webp files of at most 20 MB, or https URLs;"
                    + " 1 to 9 images";
    private static final String COUNT_ALLOWED = "allowed: 1 to 9 images: local png, jpeg or webp files of at most"
            + " 20 MB, or https URLs of at most 2,048 characters";
    private static final String URL_ALLOWED = "allowed: an https URL of at most 2,048 characters, or a local file";
    private static final String OUTPUT_ALLOWED =
            "allowed: a relative path inside the workspace ending in .mp4, e.g. clips/demo.mp4";
    private static final String DURATION_ALLOWED = "allowed: an integer from 3 to 15 (seconds)";
    private static final String SEED_ALLOWED = "allowed: an integer from 0 to 2147483647, or none for random";
    private static final String PROMPT_ALLOWED = "allowed: text of 1 to 2,500 characters";
    private static final String STEP_CLASS = "io.jenkins.plugins.happyhorse.pipeline.HappyHorseRenderStep";

    private static final AtomicInteger JOBS = new AtomicInteger();

    private static JenkinsRule j;

    private Simulator simulator;
    private final SteppedScheduler clock = RenderFixture.newClock();

    /**
     * The harness makes this rule for the class and tears down only the rules it makes for a test
     * method, so {@link #stopJenkins} stops it.
     */
    @BeforeAll
    static void startJenkins(JenkinsRule rule) throws Exception {
        j = rule;
        RenderFixture.addCredentials(
                j.jenkins,
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "userpass", "not a key", "bob", PASSWORD));
        RenderFixture.addCredentials(
                j.jenkins,
                new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "empty-key", "an empty secret", Secret.fromString("")));
        RenderFixture.addCredentials(
                j.jenkins,
                new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "wrong-key", "a key the host refuses", Secret.fromString(WRONG_KEY)));
    }

    @AfterAll
    static void stopJenkins() throws Exception {
        if (j != null) {
            try {
                j.after();
            } finally {
                j = null;
            }
        }
    }

    @BeforeEach
    void startSimulator() throws Exception {
        simulator = RenderFixture.startSimulator(clock);
        RenderFixture.configure(j.jenkins, simulator, clock);
    }

    @AfterEach
    void closeSimulator() {
        simulator.close();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void isRefusedNamingTheFieldBeforeAnyBillableRequest(BadStepInput c) throws Exception {
        if (c.symlinks) {
            assumeFalse(Functions.isWindows(), "symbolic links need extra rights on Windows");
        }
        if (c.emptyBalance) {
            simulator.setBalance(Host.WAVESPEED, BigDecimal.ZERO);
        }
        WorkflowJob p = j.createProject(WorkflowJob.class, "bad-" + JOBS.incrementAndGet());
        FilePath workspace = j.jenkins.getWorkspaceFor(p);
        workspace.mkdirs();
        c.workspace.prepare(workspace);
        p.setDefinition(new CpsFlowDefinition(c.script(), true));

        WorkflowRun b = p.scheduleBuild2(0).get(2, TimeUnit.MINUTES);

        String log = JenkinsRule.getLog(b);
        long requests = RenderFixture.requests(simulator);
        long submissions = simulator.stats().submissions();
        BigDecimal charges = simulator.stats().totalCharges();
        j.assertBuildStatus(Result.FAILURE, b);
        for (String fragment : c.fragments) {
            assertThat(log).as("the log of %s", c).contains(fragment);
        }
        assertThat(submissions).as("submissions").isZero();
        assertThat(charges).as("charges").isEqualByComparingTo(BigDecimal.ZERO);
        if (c.reachesHost) {
            assertThat(requests).as("requests (only the host can judge this)").isPositive();
        } else {
            assertThat(requests).as("requests").isZero();
        }
        RenderAction renders = b.getAction(RenderAction.class);
        List<RenderRecord> records = renders == null ? List.of() : renders.getRenders();
        assertThat(records).as("clips shown on the build page").isEmpty();
        for (String secret : SECRETS) {
            assertThat(log).as("the log").doesNotContain(secret);
            RenderFixture.assertSecretAbsent(b, secret);
        }
    }

    static Stream<BadStepInput> cases() {
        List<BadStepInput> c = new ArrayList<>();

        // ---- how many images ---------------------------------------------------------------------
        c.add(bad("no image at all").with("images", "[]").says("images: (none) is not allowed; " + COUNT_ALLOWED));
        c.add(bad("10 images after glob expansion")
                .workspace(ws -> {
                    for (int i = 1; i <= 10; i++) {
                        RenderFixture.writeImage(ws, String.format(Locale.ROOT, "frames/f%02d.png", i), Color.RED);
                    }
                })
                .with("images", "['frames/*.png']")
                .says("images: 10 images is not allowed; " + COUNT_ALLOWED));
        c.add(bad("10 image URLs")
                .with(
                        "images",
                        Stream.iterate(1, i -> i + 1)
                                .limit(10)
                                .map(i -> "'https://example.com/" + i + ".png'")
                                .collect(Collectors.joining(", ", "[", "]")))
                .says("images: 10 images is not allowed; " + COUNT_ALLOWED));
        c.add(bad("a glob matching nothing")
                .workspace(ws -> RenderFixture.writeImage(ws, "assets/a.png", Color.RED))
                .with("images", "['assets/*.jpg']")
                .says("images: assets/*.jpg is not allowed (matches no file in the workspace); " + IMAGES_ALLOWED));

        // ---- workspace files ---------------------------------------------------------------------
        c.add(bad("missing file")
                .with("images", "['missing.png']")
                .says("images: missing.png is not allowed (file not found in the workspace); " + IMAGES_ALLOWED));
        c.add(bad("empty file")
                .workspace(ws -> ws.child("empty.png").write("", "UTF-8"))
                .with("images", "['empty.png']")
                .says("images: empty.png is not allowed (the file is empty); " + IMAGES_ALLOWED));
        c.add(bad("file over 20 MB")
                .workspace(ws -> {
                    try (RandomAccessFile file = new RandomAccessFile(new File(ws.getRemote(), "huge.png"), "rw")) {
                        file.write(RenderFixture.png(Color.RED));
                        file.setLength(21L * 1024 * 1024);
                    }
                })
                .with("images", "['huge.png']")
                .says("images: huge.png is not allowed (the file has 21.0 MB, over 20 MB); " + IMAGES_ALLOWED));
        c.add(bad("a directory")
                .workspace(ws -> RenderFixture.writeImage(ws, "assets/a.png", Color.RED))
                .with("images", "['assets']")
                .says("images: assets is not allowed (it is a directory); " + IMAGES_ALLOWED));
        c.add(bad("text file named .png")
                .workspace(ws -> ws.child("notes.png").write("notes, not a picture\n", "UTF-8"))
                .with("images", "['notes.png']")
                .says("images: notes.png is not allowed (its bytes are not a png, jpeg or webp image); "
                        + IMAGES_ALLOWED));
        c.add(bad("glob matching a text file named .png")
                .workspace(ws -> ws.child("docs/notes.png").write("notes, not a picture\n", "UTF-8"))
                .with("images", "['docs/*.png']")
                .says(
                        "images: docs/*.png ",
                        "docs/notes.png is not allowed (its bytes are not a png, jpeg or webp image); "
                                + IMAGES_ALLOWED));
        c.add(bad("path traversal ../outside.png")
                .workspace(ws -> RenderFixture.writeImage(ws.getParent(), "outside.png", Color.RED))
                .with("images", "['../outside.png']")
                .says("images: ../outside.png is not allowed (it leads outside the workspace (through .. or a"
                        + " symbolic link)); " + IMAGES_ALLOWED));
        c.add(bad("absolute path")
                .with("images", "['/tmp/reference.png']")
                .says("images: /tmp/reference.png is not allowed (an absolute path; give a path relative to the"
                        + " workspace); " + IMAGES_ALLOWED));
        c.add(bad("symbolic link leaving the workspace")
                .symlinks()
                .workspace(ws -> {
                    FilePath outside = ws.getParent().child("link-target.png");
                    RenderFixture.writeImage(ws.getParent(), "link-target.png", Color.GREEN);
                    ws.child("link.png").symlinkTo(outside.getRemote(), TaskListener.NULL);
                })
                .with("images", "['link.png']")
                .says("images: link.png is not allowed (it leads outside the workspace (through .. or a symbolic"
                        + " link)); " + IMAGES_ALLOWED));
        c.add(bad("dangling symbolic link")
                .symlinks()
                .workspace(ws -> ws.child("dangling.png").symlinkTo("nowhere.png", TaskListener.NULL))
                .with("images", "['dangling.png']")
                .says("images: dangling.png is not allowed (file not found in the workspace (or a broken link)); "
                        + IMAGES_ALLOWED));
        c.add(bad("workspace file outside node {}")
                .outsideNode()
                .with("images", "['assets/product.png']")
                .says("images: assets/product.png is not allowed (a workspace file, but the step runs outside node {}"
                        + " and has no workspace; use https URLs there, or run the step inside node {}); "
                        + IMAGES_ALLOWED));

        // ---- URLs --------------------------------------------------------------------------------
        for (String url : List.of(
                "http://example.com/a.png",
                "ftp://example.com/a.png",
                "file:///etc/hostname",
                "data:image/png;base64,iVBORw0KGgo=",
                "javascript:alert(1)")) {
            String scheme = url.substring(0, url.indexOf(':'));
            c.add(bad(scheme + " URL")
                    .with("images", "[" + groovy(url) + "]")
                    .says("images: " + url + " is not allowed (only https URLs are accepted; " + scheme
                            + " URLs are refused because the host must fetch the image over a secure public"
                            + " connection); " + URL_ALLOWED));
        }
        String longUrl = "https://example.com/" + "a".repeat(2096) + ".png";
        c.add(bad("URL of 2,120 characters")
                .with("images", "[" + groovy(longUrl) + "]")
                .says(
                        // Shortened in the middle to 60 characters: its start, an ellipsis, its end.
                        "images: " + longUrl.substring(0, 29) + "…",
                        "aaa.png is not allowed (the URL has 2120 characters); " + URL_ALLOWED));
        c.add(bad("https URL without a host")
                .with("images", "['https:///a.png']")
                .says("images: https:///a.png is not allowed (the URL has no host); " + URL_ALLOWED));
        c.add(bad("malformed URL")
                .with("images", "['https://exa mple.com/a.png']")
                .says("images: https://exa mple.com/a.png is not allowed (not a valid URL); " + URL_ALLOWED));

        // ---- settings ----------------------------------------------------------------------------
        c.add(bad("resolution 4k")
                .with("resolution", "'4k'")
                .says("resolution: 4k is not allowed; allowed: 720p or 1080p"));
        c.add(bad("aspect ratio 21:9")
                .with("aspectRatio", "'21:9'")
                .says("aspectRatio: 21:9 is not allowed; allowed: 16:9, 9:16, 1:1, 4:3 or 3:4"));
        c.add(bad("provider acme")
                .with("provider", "'acme'")
                .says("provider: acme is not allowed; allowed: wavespeed, atlascloud or modelstudio"));
        for (int duration : new int[] {2, 16, 0, -1}) {
            c.add(bad("duration " + duration)
                    .with("duration", String.valueOf(duration))
                    .says("duration: " + duration + " is not allowed; " + DURATION_ALLOWED));
        }
        c.add(bad("duration 'abc' (a string)")
                .with("duration", "'abc'")
                .says(
                        "Could not instantiate",
                        STEP_CLASS + ".setDuration() expects class java.lang.Double but was unable to coerce the"
                                + " received value \"abc\" to that type"));
        c.add(bad("seed -1").with("seed", "-1").says("seed: -1 is not allowed; " + SEED_ALLOWED));
        // The seed and the duration are taken as numbers of any size, so that they reach the
        // plugin's checks as written rather than narrowed to an int by Jenkins.
        c.add(bad("seed 2147483648 (a number)")
                .with("seed", "2147483648")
                .says("seed: 2147483648 is not allowed; " + SEED_ALLOWED));
        c.add(bad("seed '2147483648' (a string)")
                .with("seed", "'2147483648'")
                .says("seed: 2147483648 is not allowed; " + SEED_ALLOWED));
        c.add(bad("seed 4294967338 (a number)")
                .with("seed", "4294967338")
                .says("seed: 4294967338 is not allowed; " + SEED_ALLOWED));
        c.add(bad("seed 42.5 (a number)")
                .with("seed", "42.5")
                .says("seed: 42.5 is not allowed (not a whole number); " + SEED_ALLOWED));
        c.add(bad("duration 5.5 (a number)")
                .with("duration", "5.5")
                .says("duration: 5.5 is not allowed (not a whole number); " + DURATION_ALLOWED));
        c.add(bad("duration '5.5' (a string)")
                .with("duration", "'5.5'")
                .says("duration: 5.5 is not allowed (not a whole number); " + DURATION_ALLOWED));

        // ---- prompt ------------------------------------------------------------------------------
        c.add(bad("empty prompt")
                .with("prompt", "''")
                .says("prompt: (empty) is not allowed (the prompt is empty); " + PROMPT_ALLOWED));
        c.add(bad("blank prompt")
                .with("prompt", "'   '")
                .says("prompt:" + " " + "   " + " is not allowed (the prompt is empty); " + PROMPT_ALLOWED));
        c.add(bad("no prompt")
                .without("prompt")
                .says("prompt: (empty) is not allowed (the prompt is empty); " + PROMPT_ALLOWED));
        c.add(bad("prompt of 2,501 characters")
                .with("prompt", groovy("h".repeat(2501)))
                .says(
                        // Shortened in the middle to 60 characters: its start, an ellipsis, its end.
                        "prompt: " + "h".repeat(29) + "…" + "h".repeat(30)
                                + " is not allowed (it has 2,501 characters); " + PROMPT_ALLOWED));

        // ---- cost and time -----------------------------------------------------------------------
        c.add(bad("maxCost below the estimate")
                .with("maxCost", "0.1")
                .says(
                        "Estimated cost: 0.70 USD",
                        "maxCost: The estimated cost 0.70 USD (",
                        ") is above the limit of 0.1 USD; nothing was sent to the host. Raise the cost limit, or"
                                + " lower the duration or resolution."));
        c.add(bad("maxCost 0")
                .with("maxCost", "0")
                .says("maxCost: The estimated cost 0.70 USD (", ") is above the limit of 0.0 USD; nothing was sent"));
        c.add(bad("negative maxCost")
                .with("maxCost", "-1")
                .says("maxCost: -1.0 is not allowed; allowed: an amount in USD, zero or more"));
        for (int timeout : new int[] {0, -5}) {
            c.add(bad("timeout " + timeout)
                    .with("timeout", String.valueOf(timeout))
                    .says("timeout: " + timeout + " is not allowed; allowed: a whole number of minutes, at least 1"));
        }
        // Minutes that are not whole are refused as written, never narrowed to 5.
        c.add(bad("timeout 5.5 (a number)")
                .with("timeout", "5.5")
                .says("timeout: 5.5 is not allowed (not a whole number); allowed: a whole number of minutes, at"
                        + " least 1"));
        c.add(bad("timeout '5.5' (a string)")
                .with("timeout", "'5.5'")
                .says("timeout: 5.5 is not allowed (not a whole number); allowed: a whole number of minutes, at"
                        + " least 1"));

        // ---- collecting a clip by its prediction id ------------------------------------------------
        c.add(bad("prediction id with a slash")
                .with("predictionId", "'../etc/passwd'")
                .says("predictionId: ../etc/passwd is not allowed; allowed: the id a host gave a submitted job"));
        c.add(bad("dry run of a collection")
                .with("predictionId", "'3f9c2b'")
                .with("dryRun", "true")
                .says("dryRun: true is not allowed (collecting estimates nothing and submits nothing)"));
        c.add(bad("collecting from an unknown host")
                .with("predictionId", "'3f9c2b'")
                .with("provider", "'acme'")
                .says("provider: acme is not allowed; allowed: wavespeed, atlascloud or modelstudio"));

        // ---- credentials -------------------------------------------------------------------------
        c.add(bad("no credentialsId and no default")
                .without("credentialsId")
                .says(
                        "credentialsId: (empty) is not allowed (no credentials given and no default set in Manage"
                                + " Jenkins",
                        "allowed: the id of a Secret text credential holding the host's API key"));
        c.add(bad("blank credentialsId")
                .with("credentialsId", "'  '")
                .says("credentialsId: (empty) is not allowed (no credentials given and no default set in Manage"));
        c.add(bad("unknown credentialsId")
                .with("credentialsId", "'nope'")
                .says("No credentials with the id 'nope' are visible to this build. Add a Secret text credential"
                        + " with that id holding the host's API key, or correct credentialsId. Nothing was sent to"
                        + " the host."));
        c.add(bad("credential of the wrong type (username and password)")
                .with("credentialsId", "'userpass'")
                .says(
                        "The credentials 'userpass' are of the kind Username with password; the HappyHorse API key"
                                + " must be a Secret text credential.",
                        "correct credentialsId"));
        c.add(bad("empty secret")
                .with("credentialsId", "'empty-key'")
                .says(
                        "The Secret text credential 'empty-key' is empty; it must hold the host's API key.",
                        "correct credentialsId"));

        // ---- output ------------------------------------------------------------------------------
        c.add(bad("output leaving the workspace")
                .with("output", "'../escape.mp4'")
                .says("output: ../escape.mp4 is not allowed (it has an empty, . or .. path segment); "
                        + OUTPUT_ALLOWED));
        c.add(bad("absolute output")
                .with("output", "'/tmp/clip.mp4'")
                .says("output: /tmp/clip.mp4 is not allowed (an absolute path); " + OUTPUT_ALLOWED));
        c.add(bad("output naming a folder of the workspace")
                .workspace(ws -> ws.child("clips").mkdirs())
                .with("output", "'clips'")
                .says("output: clips is not allowed (it does not end in .mp4); " + OUTPUT_ALLOWED));
        c.add(bad("output ending in a slash")
                .with("output", "'clips/'")
                .says("output: clips/ is not allowed (it has an empty, . or .. path segment); " + OUTPUT_ALLOWED));
        c.add(bad("output not an .mp4")
                .with("output", "'clip.gif'")
                .says("output: clip.gif is not allowed (it does not end in .mp4); " + OUTPUT_ALLOWED));

        // ---- refusals only a host can make ---------------------------------------------------------
        c.add(bad("invalid key (401)")
                .with("credentialsId", "'wrong-key'")
                .reachesHost()
                .says(
                        "WaveSpeed refused the API key with HTTP 401 when asked to submit the render",
                        "Check that the key is valid and allowed to use the model",
                        "The refused key is the one in the credentials 'wrong-key' (credentialsId)."));
        c.add(bad("empty balance (402)")
                .emptyBalance()
                .reachesHost()
                .says(
                        "WaveSpeed refused to submit the render for lack of credit (HTTP 402",
                        "Top up the account, then render again."));

        // ---- what lies in the workspace at the output path, checked before anything is sent -------
        c.add(bad("output is an existing folder named .mp4")
                .workspace(ws -> ws.child("existing.mp4").mkdirs())
                .with("output", "'existing.mp4'")
                .says("output: existing.mp4 is not allowed (it is an existing folder in the workspace); "
                        + OUTPUT_ALLOWED));
        c.add(bad("output folder is a symbolic link leaving the workspace")
                .symlinks()
                .workspace(ws -> {
                    FilePath outside = ws.getParent().child("outside-folder");
                    outside.mkdirs();
                    ws.child("outlink").symlinkTo(outside.getRemote(), TaskListener.NULL);
                })
                .with("output", "'outlink/clip.mp4'")
                .says("output: outlink/clip.mp4 is not allowed (its folder outlink leads outside the workspace"
                        + " through a symbolic link); " + OUTPUT_ALLOWED));
        c.add(bad("output is a symbolic link")
                .symlinks()
                .workspace(ws -> ws.child("clip.mp4").symlinkTo("elsewhere.mp4", TaskListener.NULL))
                .with("output", "'clip.mp4'")
                .says("output: clip.mp4 is not allowed (it is a symbolic link in the workspace); " + OUTPUT_ALLOWED));
        c.add(bad("output folder is a file")
                .workspace(ws -> ws.child("clips").write("not a folder", "UTF-8"))
                .with("output", "'clips/clip.mp4'")
                .says("output: clips/clip.mp4 is not allowed (clips is a file, not a folder); " + OUTPUT_ALLOWED));

        return c.stream();
    }

    private static BadStepInput bad(String name) {
        return new BadStepInput(name);
    }

    /** {@code text} as a single-quoted Groovy string. */
    private static String groovy(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Prepares a case's workspace before its build. */
    @FunctionalInterface
    interface WorkspaceSetup {
        void prepare(FilePath workspace) throws Exception;
    }

    /**
     * One bad input: the step's arguments as Groovy literals (a valid render with one thing
     * changed), what the workspace holds, and what the build's log must say.
     */
    static final class BadStepInput {
        final String name;
        final Map<String, String> arguments = new LinkedHashMap<>();
        WorkspaceSetup workspace = ws -> {};
        List<String> fragments = List.of();
        boolean insideNode = true;
        boolean reachesHost;
        boolean emptyBalance;
        boolean symlinks;

        BadStepInput(String name) {
            this.name = name;
            arguments.put("images", "['https://example.com/product.png']");
            arguments.put("prompt", "'A horse trots along the beach'");
            arguments.put("credentialsId", groovy(CREDENTIALS_ID));
        }

        BadStepInput with(String parameter, String groovyLiteral) {
            arguments.put(parameter, groovyLiteral);
            return this;
        }

        BadStepInput without(String parameter) {
            arguments.remove(parameter);
            return this;
        }

        BadStepInput workspace(WorkspaceSetup setup) {
            this.workspace = setup;
            return this;
        }

        /** The log must contain each of these, exactly. */
        BadStepInput says(String... expected) {
            this.fragments = List.of(expected);
            return this;
        }

        BadStepInput outsideNode() {
            insideNode = false;
            return this;
        }

        /** Only the host can refuse this: requests reach it, but none is a submission. */
        BadStepInput reachesHost() {
            reachesHost = true;
            return this;
        }

        BadStepInput emptyBalance() {
            emptyBalance = true;
            return this;
        }

        BadStepInput symlinks() {
            symlinks = true;
            return this;
        }

        String script() {
            String step = "happyHorseRender "
                    + arguments.entrySet().stream()
                            .map(e -> e.getKey() + ": " + e.getValue())
                            .collect(Collectors.joining(", "));
            return insideNode ? "node {\n  " + step + "\n}" : step;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}

package io.jenkins.plugins.happyhorse.reliability.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderOptions;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.reliability.support.MarkdownTable;
import io.jenkins.plugins.happyhorse.reliability.support.Rig;
import io.jenkins.plugins.happyhorse.reliability.support.Secrets;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input matrix: each input of {@link BadInputCatalogue} goes through the engine's API
 * (and, in {@link CliBadInputTest}, through the command line) against a fresh simulator. Each
 * must be refused with a message that names the field, shows the value and says what is
 * allowed, and the simulated hosts must count no billable request: no submission and no
 * charge, and no request at all unless the refusal is the host's own (an invalid key, an
 * empty balance). The matrix is written to {@code bad-input-matrix.md}.
 */
class BadInputMatrixTest {
    /** Rows by case, filled by this class (engine) and {@link CliBadInputTest} (command line). */
    static final Map<String, String[]> ROWS = new ConcurrentHashMap<>();

    @TempDir
    static Path root;

    static Fixtures fixtures;

    @BeforeAll
    static void makeFixtures() throws IOException {
        fixtures = new Fixtures(root.resolve("fixtures"));
    }

    static Stream<BadInput> cases() throws IOException {
        if (fixtures == null) {
            makeFixtures();
        }
        return BadInputCatalogue.all(fixtures, Rig.KEY).stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void theEngineRefusesBeforeAnyBillableCall(BadInput c) throws IOException {
        if (c.engineRefusal == null) {
            row(c, 0, "n/a (the API takes a number; only typed text can be this)", "");
            return;
        }
        try (Rig rig = Rig.start(root.resolve("engine-" + Math.abs(c.name.hashCode())))) {
            if (c.emptyBalance) {
                rig.sim().setBalance(host(c.input.provider()), BigDecimal.ZERO);
            }
            Throwable refusal = run(rig, c.input);
            long requests =
                    rig.sim().stats().requests(Route.ANY) + rig.sim().stats().unmatchedRequests();
            long submissions = rig.sim().stats().submissions();
            String outcome = refusal == null ? "accepted" : refusal.getClass().getSimpleName();
            if (submissions > 0) {
                outcome += " after " + submissions + " paid submission" + (submissions == 1 ? "" : "s")
                        + (c.engineDefect == null ? "" : " (defect " + c.engineDefect + ")");
            }
            if (c.notTestable != null) {
                row(c, 0, "not testable here: " + outcome, c.notTestable);
                Assumptions.abort("not testable here: " + c.notTestable);
            }
            row(c, 0, outcome, refusal == null ? "" : refusal.getMessage());
            try {
                assertThat(refusal).as("refused").isNotNull().isInstanceOf(c.engineRefusal);
            } catch (AssertionError e) {
                if (c.engineDefect != null) {
                    Assumptions.abort(
                            "known defect " + c.engineDefect + " (see docs/reliability.md): " + e.getMessage());
                }
                throw e;
            }
            checkRefusal(c, refusal.getMessage());
            if (refusal instanceof InvalidRequestException invalid && invalid.hostMessage() == null) {
                assertThat(invalid.violations()).as("violations").anySatisfy(v -> {
                    assertThat(c.namesField(v.field()))
                            .as("field %s", v.field())
                            .isTrue();
                    assertThat(v.allowed()).isNotBlank();
                });
            }
            assertThat(rig.sim().stats().submissions()).as("submissions").isZero();
            assertThat(rig.sim().stats().totalCharges()).as("charges").isZero();
            if (!c.reachesHost) {
                assertThat(requests).as("requests to either host").isZero();
            }
            assertThat(rig.outputFolderContents()).as("output folder").isEmpty();
            Secrets.assertAbsentFrom(refusal, Rig.KEY);
            Secrets.assertAbsentFromEvents(rig.events(), Rig.KEY);
            Secrets.assertNoAuthorizationReachedMedia(rig.sim());
        }
    }

    /** The message names the field, shows the value and says what is allowed. */
    static void checkRefusal(BadInput c, String message) {
        assertThat(message).as("refusal message").isNotBlank();
        assertThat(c.namesField(message))
                .as("names the field %s: %s", c.fieldWords, message)
                .isTrue();
        assertThat(message).as("shows the value").contains(c.valueTexts);
        assertThat(message).as("says what is allowed").contains(c.allowedText);
        assertThat(message).as("never shows a URL's password").doesNotContain(":secret@");
    }

    /** Starts the render {@code input} describes; returns how it was refused, or null if it succeeded. */
    private static Throwable run(Rig rig, Input input) {
        RenderHandle handle;
        try {
            RenderRequest.Builder request = RenderRequest.builder()
                    .images(input.images())
                    .prompt(input.prompt())
                    .resolution(input.resolution())
                    .aspectRatio(input.aspectRatio())
                    .provider(input.provider())
                    .model(input.model())
                    .watermark(input.watermark());
            if (input.duration() != null) {
                request.duration(Integer.valueOf(input.duration()));
            }
            if (input.seed() != null) {
                request.seed(Long.valueOf(input.seed()));
            }
            RenderOptions.Builder options = rig.options()
                    .apiKey(input.key() == null ? null : ApiKey.of(input.key()))
                    .output(input.output() == null ? rig.output() : Path.of(input.output()));
            if (input.maxCost() != null) {
                options.maxCost(new BigDecimal(input.maxCost()));
            }
            handle = rig.engine().start(request.build(), options.build());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return e;
        }
        try {
            handle.result().get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            handle.cancel();
            throw new AssertionError("no outcome within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The simulated host of a typed provider id (WaveSpeed when none or an unknown one is given). */
    private static Host host(String provider) {
        return io.jenkins.plugins.happyhorse.client.spec.ProviderId.parse(provider)
                .map(p -> Host.valueOf(p.name()))
                .orElse(Host.WAVESPEED);
    }

    /** Records the engine's (column 0) or the command line's (column 1) outcome of a case. */
    static void row(BadInput c, int column, String outcome, String message) {
        String[] r = ROWS.computeIfAbsent(c.name, k -> new String[] {c.name, field(c), "", "", "", ""});
        r[2 + column * 2] = outcome;
        r[3 + column * 2] = message == null ? "" : message;
    }

    private static String field(BadInput c) {
        return String.join(" / ", c.fieldWords);
    }

    @AfterAll
    static void writeMatrix() throws IOException {
        writeMatrix(cases().toList());
    }

    /** Writes the rows recorded so far, in the order of {@code cases}. */
    static void writeMatrix(List<BadInput> cases) {
        MarkdownTable table =
                new MarkdownTable("input", "field", "engine outcome", "engine message", "CLI outcome", "CLI message");
        for (BadInput c : cases) {
            String[] r = ROWS.get(c.name);
            if (r != null) {
                table.add((Object[]) r);
            }
        }
        table.write(
                "bad-input-matrix.md",
                "Bad inputs",
                "Each row is one render request refused against a fresh simulator of the three hosts. In every"
                        + " row the hosts counted no submission and no charge; only the invalid keys and the empty"
                        + " balances, which only the host can judge, reached it at all.");
    }
}

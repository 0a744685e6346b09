package io.jenkins.plugins.happyhorse.acceptance.scenarios.nightly;

import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.pages.PipelineJob;
import java.util.List;

/**
 * The jobs of the nightly scenarios, and their first builds, which the group starts together so
 * that their renders wait for the host at the same time.
 */
public final class NightlyJobs {
    /** The nightly job: one clip per product, in parallel branches, with a seed. */
    public static final String NIGHTLY = "n01-nightly";

    public static final String NIGHTLY_MARKER = "[n01]";

    /** The products of the nightly job; from its third build on, {@code bravo} has a new picture. */
    public static final List<String> PRODUCTS = List.of("alpha", "bravo", "charlie");

    /** Twenty branches asking for one clip. */
    public static final String SHARED = "n02-shared-digest";

    public static final String SHARED_MARKER = "[n02]";

    public static final int BRANCHES = 20;

    private NightlyJobs() {}

    /** The nightly job's first build, started once (the job is created with it); later nights build its job. */
    public static Build firstNight(Testbed bed) {
        return bed.started(NIGHTLY + "#1", () -> {
            String script =
                    """
                    def branches = [:]
                    for (p in %1$s) {
                        def name = p
                        branches[name] = {
                            // From the third night on, bravo has a new picture; nothing else changes.
                            def image = (name == 'bravo' && currentBuild.number >= 3) ? 'bravo-v2' : name
                            def clip = happyHorseRender(images: ['https://images.example.invalid/' + image + '.png'],
                                prompt: '%2$s ' + name + ' turns slowly on a table', duration: 3, resolution: '720p',
                                aspectRatio: '16:9', seed: 11, credentialsId: '%3$s', output: 'clips/' + name + '.mp4')
                            echo 'clip ' + name + ': reused=' + clip.reused + ' from=' + clip.reusedFrom + ' cost=' + clip.cost
                        }
                    }
                    parallel branches
                    """
                            .formatted(groovyList(PRODUCTS), NIGHTLY_MARKER, Testbed.CREDENTIALS_ID);
            return PipelineJob.create(bed.admin(), NIGHTLY, script).scheduleBuild();
        });
    }

    /** The build of twenty branches sharing one digest, started once. */
    public static Build sharedDigest(Testbed bed) {
        return bed.started(SHARED + "#1", () -> {
            String script =
                    """
                    def branches = [:]
                    for (int i = 1; i <= %1$d; i++) {
                        def n = i
                        branches['branch ' + n] = {
                            def clip = happyHorseRender(images: ['https://images.example.invalid/shared.png'],
                                prompt: '%2$s one clip for every branch', duration: 3, resolution: '720p',
                                aspectRatio: '16:9', seed: 5, credentialsId: '%3$s', output: 'clips/branch-' + n + '.mp4')
                            echo 'branch ' + n + ': reused=' + clip.reused
                        }
                    }
                    parallel branches
                    """
                            .formatted(BRANCHES, SHARED_MARKER, Testbed.CREDENTIALS_ID);
            return PipelineJob.create(bed.admin(), SHARED, script).scheduleBuild();
        });
    }

    private static String groovyList(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").toList().toString();
    }
}

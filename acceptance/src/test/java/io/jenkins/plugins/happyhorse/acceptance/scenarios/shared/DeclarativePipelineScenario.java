package io.jenkins.plugins.happyhorse.acceptance.scenarios.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderCall;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderLog;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.Scripts;
import io.jenkins.plugins.happyhorse.acceptance.harness.SimulatorCounters;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.pages.PipelineJob;
import java.awt.Color;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** Scenario 2: a Declarative Pipeline (pipeline-model-definition is in the plugin set) renders in a stage. */
public abstract class DeclarativePipelineScenario {
    public static final String JOB = "s02-declarative-pipeline";
    public static final String MARKER = "[s02]";
    public static final String ARTIFACT = "clips/declarative.mp4";

    protected abstract Testbed bed();

    public static Build start(Testbed bed) {
        String render = RenderCall.prompt(MARKER + " A horse gallops along the beach")
                .images("assets/*.png")
                .with("credentialsId", Testbed.CREDENTIALS_ID)
                .with("output", ARTIFACT)
                .groovy();
        String script =
                """
                pipeline {
                    agent any
                    stages {
                        stage('Images') {
                            steps {
                                %s
                            }
                        }
                        stage('Render') {
                            steps {
                                script {
                                    def clip = %s
                %s
                                }
                            }
                        }
                    }
                }
                """
                        .formatted(
                                Scripts.writePng("assets/horse.png", new Color(120, 80, 40)),
                                render,
                                Scripts.echoMap("clip"));
        return PipelineJob.create(bed.admin(), JOB, script).scheduleBuild();
    }

    /** Whether the controller can run Declarative Pipelines at all. */
    public static boolean available(Testbed bed) {
        return bed.jenkins().hasActivePlugin("pipeline-model-definition");
    }

    public static Build build(Testbed bed) {
        return bed.started(JOB, () -> start(bed));
    }

    @Test
    void rendersInADeclarativeStage() {
        Testbed bed = bed();
        assumeTrue(available(bed), "the plugin set has no pipeline-model-definition (Declarative Pipeline)");
        Build build = build(bed);

        String result = build.awaitResult(Bounds.RENDER);
        String log = build.console();
        SimulatorCounters counters = bed.simulator().counters();

        assertThat(result).as("result; log:\n%s", log).isEqualTo("SUCCESS");
        String id = RenderLog.predictionId(log).orElseThrow(() -> new AssertionError("no submission in:\n" + log));
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(RenderLog.estimateLines(log))
                .as("lines telling the estimate in:\n%s", log)
                .isEqualTo(1);
        softly.assertThat(log).contains("image 1 of 1").contains("[HappyHorse] Archived " + ARTIFACT);
        softly.assertThat(RenderLog.returnedMap(log))
                .containsEntry("predictionId", id)
                .containsEntry("artifactPath", ARTIFACT)
                .containsEntry("output", ARTIFACT)
                .containsEntry("cost", "0.42");
        softly.check(() -> ClipChecks.assertArchivedClip(build, ARTIFACT));
        softly.check(() -> ClipChecks.assertOneJob(counters, MARKER, "wavespeed", ClipChecks.PRICE_3S_720P));
        softly.check(() -> ClipChecks.assertKeyNeverSentToMedia(counters));
        softly.assertAll();
    }
}

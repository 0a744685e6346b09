package io.jenkins.plugins.happyhorse.reliability.faults;

import static io.jenkins.plugins.happyhorse.client.spec.ProviderId.ATLASCLOUD;
import static io.jenkins.plugins.happyhorse.client.spec.ProviderId.MODELSTUDIO;
import static io.jenkins.plugins.happyhorse.client.spec.ProviderId.WAVESPEED;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.engine.PollingPolicy;
import io.jenkins.plugins.happyhorse.client.error.AuthenticationException;
import io.jenkins.plugins.happyhorse.client.error.DeadlineExceededException;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.error.JobFailedException;
import io.jenkins.plugins.happyhorse.client.error.OutputVerificationException;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.error.ProviderUnavailableException;
import io.jenkins.plugins.happyhorse.client.error.RateLimitedException;
import io.jenkins.plugins.happyhorse.client.error.RenderCancelledException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.error.SubmissionUncertainException;
import io.jenkins.plugins.happyhorse.client.media.VerificationPolicy;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.reliability.support.Probe;
import io.jenkins.plugins.happyhorse.reliability.support.Rig;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every row of the fault matrix. Expectations follow the engine's contract: idempotent calls
 * (uploads, polls, history, downloads) get past a passing fault and end in a typed failure when
 * it persists; the submit is sent once, never repeated, and a submit whose fate is unknown is
 * resolved by asking the host (Atlas Cloud's history, Model Studio's task list) or reported as
 * uncertain (WaveSpeed).
 */
final class FaultCatalogue {
    /** Status faults the hosts answer under load. */
    private static final int[] STATUSES = {429, 500, 502, 503, 504};

    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    /** Real time: long enough for loopback, short enough for a quick matrix. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(400);

    private FaultCatalogue() {}

    static List<FaultCase> all() {
        List<FaultCase> cases = new ArrayList<>();
        for (ProviderId host : ProviderId.values()) {
            statusFaults(host, cases);
            connectionFaults(host, cases);
            bodyFaults(host, cases);
            jobOutcomes(host, cases);
            outputFaults(host, cases);
            redirects(host, cases);
            refusals(host, cases);
        }
        atlasQuirks(cases);
        modelStudioQuirks(cases);
        return cases;
    }

    // ---- 429 and 5xx on every endpoint -------------------------------------------------------

    private static void statusFaults(ProviderId host, List<FaultCase> cases) {
        List<Endpoint> idempotent = new ArrayList<>(uploads(host));
        idempotent.add(new Endpoint("poll", pollRoute(host)));
        idempotent.add(new Endpoint("download", Route.MEDIA_GET));
        for (int status : STATUSES) {
            for (boolean retryAfter : status == 429 ? new boolean[] {false, true} : new boolean[] {false}) {
                String label =
                        status + (status == 429 ? (retryAfter ? " with Retry-After" : " without Retry-After") : "");
                Fault f = retryAfter ? Fault.status(status).retryAfter(RETRY_AFTER) : Fault.status(status);
                for (Endpoint e : idempotent) {
                    cases.add(new FaultCase(label + ", once", host, e.name)
                            .once(e.route, f)
                            .succeeds());
                    cases.add(new FaultCase(label + ", every attempt", host, e.name)
                            .always(e.route, f)
                            .fails(persistentType(status), persistentText(status), e.beforeSubmit() ? 0 : 1));
                }
                // A 429 is a refusal (no job, no charge): the render waits and submits again, one job
                // accepted. A 5xx is an unknown fate: the submit is never repeated.
                FaultCase submit = new FaultCase(label, host, "submit").once(submitRoute(host), f);
                if (status == 429) {
                    submit.succeeds();
                } else if (host == WAVESPEED) {
                    submit.fails(SubmissionUncertainException.class, "may or may not have been submitted", 0);
                } else {
                    submit.fails(SubmissionUncertainException.class, "most likely never arrived", 0);
                }
                cases.add(submit);
                if (host != WAVESPEED) {
                    // History is read only to resolve a lost submit reply.
                    cases.add(new FaultCase(label + ", once", host, "history")
                            .once(submitRoute(host), Fault.lostSubmitReply())
                            .once(historyRoute(host), f)
                            .succeeds());
                    cases.add(new FaultCase(label + ", every attempt", host, "history")
                            .once(submitRoute(host), Fault.lostSubmitReply())
                            .always(historyRoute(host), f)
                            .fails(SubmissionUncertainException.class, "history could not be read", 1));
                }
            }
        }
    }

    /** A 429 that never passes is rate limiting on every endpoint, downloads included. */
    private static Class<? extends RenderException> persistentType(int status) {
        return status == 429 ? RateLimitedException.class : ProviderUnavailableException.class;
    }

    private static String persistentText(int status) {
        return status == 429 ? "kept answering 429" : "HTTP " + status;
    }

    // ---- refused, reset, no reply, lost reply ------------------------------------------------

    private static void connectionFaults(ProviderId host, List<FaultCase> cases) {
        String upload = uploads(host).get(0).name;
        cases.add(new FaultCase("connection refused (API port closed)", host, upload)
                .settings(s -> s.engine(b -> b.endpoint(host, closedPortBase(host))))
                .fails(ProviderUnavailableException.class, "could not be reached", 0));
        cases.add(new FaultCase("connection refused (API port closed), image given as URL", host, "submit")
                .settings(s -> s.engine(b -> b.endpoint(host, closedPortBase(host))))
                .request(b -> b.images(List.of(Probe.REMOTE_IMAGE)))
                .fails(ProviderUnavailableException.class, "nothing was submitted", 0));
        cases.add(new FaultCase("connection refused (host goes down while the job runs)", host, "poll")
                .settings(s -> s.simulator(b -> b.processingTime(Duration.ofMinutes(10))))
                .options((rig, o) -> o.checkpointSink(Probe.holdingTimeOnceSubmitted(rig)))
                .during((rig, handle) -> {
                    Probe.awaitPredictionId(handle);
                    rig.sim().close();
                    rig.scheduler().release();
                })
                .fails(ProviderUnavailableException.class, "could not be reached", 1));
        cases.add(new FaultCase("connection refused (output URL redirects to a closed port), once", host, "download")
                .once(Route.MEDIA_GET, Fault.redirect(closedPortUrl()))
                .succeeds());
        cases.add(new FaultCase(
                        "connection refused (output URL redirects to a closed port), every attempt", host, "download")
                .always(Route.MEDIA_GET, Fault.redirect(closedPortUrl()))
                .fails(ProviderUnavailableException.class, "could not be reached", 1));

        for (Endpoint e : endpoints(host)) {
            FaultCase reset = new FaultCase("connection reset, once", host, e.name).once(e.route, Fault.reset());
            FaultCase silent = new FaultCase("no reply (response timeout), once", host, e.name)
                    .settings(s -> s.engine(b -> b.responseTimeout(SHORT_TIMEOUT)))
                    .once(e.route, Fault.noReply());
            if (e.route == submitRoute(host)) {
                expectUnknownSubmitFate(host, reset, 0);
                expectUnknownSubmitFate(host, silent, 0);
            } else if (e.route == historyRoute(host)) {
                reset.once(submitRoute(host), Fault.lostSubmitReply()).succeeds();
                silent.once(submitRoute(host), Fault.lostSubmitReply()).succeeds();
            } else {
                reset.succeeds();
                silent.succeeds();
            }
            cases.add(reset);
            cases.add(silent);
        }
        Route poll = pollRoute(host);
        cases.add(new FaultCase("connection reset, every attempt", host, "poll")
                .always(poll, Fault.reset())
                .fails(ProviderUnavailableException.class, "could not be reached", 1));
        cases.add(new FaultCase("no reply (response timeout), every attempt", host, "poll")
                .settings(s -> s.engine(b -> b.responseTimeout(SHORT_TIMEOUT)))
                .always(poll, Fault.noReply())
                .fails(ProviderUnavailableException.class, "no reply in time", 1));
        cases.add(new FaultCase("connection reset, every attempt", host, "download")
                .always(Route.MEDIA_GET, Fault.reset())
                .fails(OutputVerificationException.class, "could not be downloaded completely", 1));

        FaultCase lost = new FaultCase("submit reply lost (job created and charged)", host, "submit")
                .once(submitRoute(host), Fault.lostSubmitReply());
        if (host == WAVESPEED) {
            lost.fails(SubmissionUncertainException.class, "offers no way to look the job up", 1);
        } else {
            lost.succeeds();
        }
        cases.add(lost);
    }

    /** A submit whose reply never came: WaveSpeed cannot be asked, Atlas Cloud's history shows no job. */
    private static void expectUnknownSubmitFate(ProviderId host, FaultCase c, int jobs) {
        if (host == WAVESPEED) {
            c.fails(SubmissionUncertainException.class, "may or may not have been submitted", jobs);
        } else {
            c.fails(SubmissionUncertainException.class, "most likely never arrived", jobs);
        }
    }

    // ---- malformed, truncated and corrupt bodies ---------------------------------------------

    private static void bodyFaults(ProviderId host, List<FaultCase> cases) {
        for (Endpoint e : endpoints(host)) {
            for (BodyFault b : BodyFault.values()) {
                FaultCase c = new FaultCase(b.label + ", once", host, e.name).once(e.route, b.fault());
                bodyExpectation(host, e, b, c);
                cases.add(c);
            }
        }
        cases.add(new FaultCase("truncated body, every attempt", host, "download")
                .always(Route.MEDIA_GET, Fault.truncatedBody())
                .fails(OutputVerificationException.class, "could not be downloaded completely", 1));
    }

    private static void bodyExpectation(ProviderId host, Endpoint e, BodyFault b, FaultCase c) {
        boolean handled = b != BodyFault.MALFORMED; // a malformed reply is sent without handling the request
        if (e.route == submitRoute(host)) {
            if (host == WAVESPEED) {
                c.fails(SubmissionUncertainException.class, "may or may not have been submitted", handled ? 1 : 0);
            } else if (handled) {
                c.succeeds(); // found in the history
            } else {
                c.fails(SubmissionUncertainException.class, "most likely never arrived", 0);
            }
            return;
        }
        if (e.route == historyRoute(host)) {
            c.once(submitRoute(host), Fault.lostSubmitReply()).succeeds();
            return;
        }
        if (e.route == Route.MEDIA_GET) {
            if (b == BodyFault.TRUNCATED) {
                c.succeeds();
            } else {
                // The bytes arrived whole but are no clip: refused by content, not retried.
                c.fails(OutputVerificationException.class, "not a complete MP4", 1);
            }
            return;
        }
        c.succeeds();
    }

    // ---- what the job itself does ------------------------------------------------------------

    private static void jobOutcomes(ProviderId host, List<FaultCase> cases) {
        cases.add(new FaultCase("job fails", host, "poll")
                .job(Outcome.FAIL)
                .fails(JobFailedException.class, "failed", 1));
        cases.add(new FaultCase("job times out on the host", host, "poll")
                .job(Outcome.TIMEOUT)
                .fails(JobFailedException.class, "timed out", 1));
        cases.add(new FaultCase("job cancelled on the host", host, "poll")
                .job(Outcome.CANCEL)
                .fails(JobFailedException.class, "cancelled", 1));
        cases.add(new FaultCase("job refused by moderation", host, "poll")
                .job(Outcome.MODERATION)
                .fails(JobFailedException.class, host == WAVESPEED ? "sensitive" : "moderation", 1));
        if (host == MODELSTUDIO) {
            // SUSPENDED is a word Model Studio uses: the task is held, and may resume.
            cases.add(new FaultCase("task suspended on the host (SUSPENDED) past the deadline", host, "poll")
                    .job(Outcome.UNKNOWN_STATUS)
                    .options(o -> o.deadline(Duration.ofMinutes(20)))
                    .fails(DeadlineExceededException.class, "resume", 1));
            cases.add(new FaultCase("job refused as a suspected infringement (IPInfringementSuspect)", host, "poll")
                    .job(Outcome.IP_INFRINGEMENT)
                    .fails(JobFailedException.class, "IPInfringementSuspect", 1));
        } else {
            cases.add(new FaultCase("unknown status word (suspended)", host, "poll")
                    .job(Outcome.UNKNOWN_STATUS)
                    .fails(ProtocolException.class, "suspended", 1));
        }
        cases.add(new FaultCase("job outlasts the render's deadline", host, "poll")
                .settings(s -> s.simulator(b -> b.processingTime(Duration.ofHours(3))))
                .options(o -> o.deadline(Duration.ofMinutes(20)))
                .fails(DeadlineExceededException.class, "resume", 1));
        cases.add(new FaultCase("user cancels while the job runs", host, "poll")
                .settings(s -> s.simulator(b -> b.processingTime(Duration.ofMinutes(10))))
                .options((rig, o) -> o.checkpointSink(Probe.holdingTimeOnceSubmitted(rig)))
                .during((rig, handle) -> {
                    Probe.awaitPredictionId(handle);
                    handle.cancel();
                    rig.scheduler().release();
                })
                .fails(RenderCancelledException.class, "may still run and be billed", 1));
        cases.add(new FaultCase("key revoked while the job runs (401)", host, "poll")
                .once(pollRoute(host), Fault.status(401))
                .fails(AuthenticationException.class, "401", 1));
        cases.add(new FaultCase("access forbidden while the job runs (403)", host, "poll")
                .once(pollRoute(host), Fault.status(403))
                .fails(AuthenticationException.class, "403", 1));
    }

    // ---- the clip: expired, damaged, wrong ---------------------------------------------------

    private static void outputFaults(ProviderId host, List<FaultCase> cases) {
        cases.add(new FaultCase("output URL expired (seeded 403 or 404)", host, "download")
                .job(Outcome.EXPIRED_OUTPUT)
                .fails(ProviderUnavailableException.class, "expired", 1));
        for (int status : new int[] {403, 404, 410}) {
            cases.add(new FaultCase("output URL answers " + status, host, "download")
                    .always(Route.MEDIA_GET, Fault.status(status))
                    .fails(ProviderUnavailableException.class, "HTTP " + status, 1));
        }
        cases.add(new FaultCase("clip 2 s shorter or longer than asked", host, "download")
                .job(Outcome.WRONG_DURATION)
                .fails(OutputVerificationException.class, "was requested", 1));
        cases.add(new FaultCase("clip of the wrong picture size (480 lines for 720p)", host, "download")
                .settings(s -> s.simulator(b -> b.pictureScale(1)))
                .options(o -> o.verificationPolicy(VerificationPolicy.strict()))
                .job(Outcome.WRONG_SIZE)
                .fails(OutputVerificationException.class, "720p", 1));
        cases.add(new FaultCase("clip larger than the download cap", host, "download")
                .options(o -> o.maxDownloadBytes(2_000))
                .fails(OutputVerificationException.class, "larger than the download limit", 1));
    }

    // ---- redirects ---------------------------------------------------------------------------

    private static void redirects(ProviderId host, List<FaultCase> cases) {
        cases.add(new FaultCase("redirect to another origin, which redirects back to the clip", host, "download")
                .arrange(rig -> rig.sim()
                        .faults()
                        .next(Route.MEDIA_GET, Fault.redirect(Probe.relay(rig).url("/to-target"))))
                .verify(Probe::requireRelayVisitedWithoutKey)
                .succeeds());
        cases.add(new FaultCase("redirect with a query-only Location (same clip)", host, "download")
                .once(Route.MEDIA_GET, Fault.redirect(URI.create("?signature=renewed")))
                .succeeds());
        cases.add(new FaultCase("redirect loop", host, "download")
                .arrange(rig -> rig.sim()
                        .faults()
                        .next(Route.MEDIA_GET, Fault.redirect(Probe.relay(rig).url("/loop"))))
                .verify(Probe::requireRelayVisitedWithoutKey)
                .fails(ProtocolException.class, "redirected more than", 1));
        cases.add(new FaultCase("redirect to plain http off loopback", host, "download")
                .once(Route.MEDIA_GET, Fault.redirect(URI.create("http://downloads.example.com/clip.mp4")))
                .fails(ProtocolException.class, "only https", 1));
        cases.add(new FaultCase("redirect to a file: URL", host, "download")
                .once(Route.MEDIA_GET, Fault.redirect(URI.create("file:///etc/passwd")))
                .fails(ProtocolException.class, "redirect of the clip's URL", 1));
        cases.add(new FaultCase("redirect on an API call (not followed)", host, "poll")
                .once(pollRoute(host), Fault.redirect(URI.create("http://127.0.0.1:9/steal")))
                .fails(ProtocolException.class, "redirect", 1));
        cases.add(new FaultCase("redirect on the submit (not followed)", host, "submit")
                .once(submitRoute(host), Fault.redirect(URI.create("http://127.0.0.1:9/steal")))
                .fails(ProtocolException.class, "redirect", 0));
        Endpoint upload = uploads(host).get(0);
        cases.add(new FaultCase("redirect on the upload (not followed)", host, upload.name)
                .once(upload.route, Fault.redirect(URI.create("http://127.0.0.1:9/steal")))
                .fails(ProtocolException.class, "redirect", 0));
    }

    // ---- definite refusals -------------------------------------------------------------------

    private static void refusals(ProviderId host, List<FaultCase> cases) {
        cases.add(new FaultCase("host refuses the request as invalid (400)", host, "submit")
                .once(submitRoute(host), Fault.status(400))
                .fails(InvalidRequestException.class, "HTTP 400", 0));
        Endpoint upload = uploads(host).get(0);
        cases.add(new FaultCase("upload too large for the host (413)", host, upload.name)
                .once(upload.route, Fault.status(413))
                .fails(ProtocolException.class, "413", 0));
        // Atlas Cloud sends no Retry-After, so its 429s are retried on the policy's backoff.
        cases.add(new FaultCase("429 whose Retry-After passes the deadline", host, "poll")
                .always(pollRoute(host), Fault.status(429).retryAfter(Duration.ofHours(2)))
                .options(o -> o.deadline(Duration.ofMinutes(30)))
                .fails(
                        host == ATLASCLOUD ? RateLimitedException.class : DeadlineExceededException.class,
                        host == ATLASCLOUD ? "429" : "deadline",
                        1));
    }

    // ---- Atlas Cloud's own quirks ------------------------------------------------------------

    private static void atlasQuirks(List<FaultCase> cases) {
        long[] seeds = new long[24];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = 101 + i;
        }
        cases.add(new FaultCase("failed job answered as HTTP 500 whose body says failed", ATLASCLOUD, "poll")
                .job(Outcome.FAIL)
                .seeds(rig -> Probe.requireFinalPredictionStatus(rig, 500), seeds)
                .fails(JobFailedException.class, "failed", 1));
        cases.add(new FaultCase("failed job answered as HTTP 200 with error_code", ATLASCLOUD, "poll")
                .job(Outcome.FAIL)
                .seeds(rig -> Probe.requireFinalPredictionStatus(rig, 200), seeds)
                .fails(JobFailedException.class, "failed", 1));
        cases.add(new FaultCase("moderation refusal answered as HTTP 500 (error_code 1039)", ATLASCLOUD, "poll")
                .job(Outcome.MODERATION)
                .seeds(rig -> Probe.requireFinalPredictionStatus(rig, 500), seeds)
                .fails(JobFailedException.class, "moderation", 1));
        for (int early : new int[] {404, 400}) {
            cases.add(new FaultCase("fresh prediction answers " + early + " for its first seconds", ATLASCLOUD, "poll")
                    // The host's usual 30 s window, counted on the clock the engine shares: the probe
                    // asks at the instant of the submit and the first poll comes 5 s after it, both
                    // inside the window however long the submit took in real time.
                    .settings(s -> s.engine(b -> b.pollingPolicy(
                            PollingPolicy.builder().phases(0.05, 0.7, 1.3).build())))
                    .options((rig, o) -> o.checkpointSink(Probe.recordingEarlyStatus(rig)))
                    .seeds(rig -> Probe.requireEarlyStatus(rig, early), seeds)
                    .verify(rig -> Probe.requireEvent(rig, "not visible yet"))
                    .succeeds());
        }
        cases.add(new FaultCase("prediction answers 404 long after submission", ATLASCLOUD, "poll")
                // Every poll answers 404: those inside the engine's 45 s window count as "not visible
                // yet", and the first one past it ends the render, whenever it comes (for an 8 s
                // clip the first poll is due 62 s after the submit).
                .request(b -> b.duration(8))
                .always(Route.AC_PREDICTION, Fault.status(404))
                .fails(JobFailedException.class, "long after it was submitted", 1));
        cases.add(new FaultCase("prediction answers 404", WAVESPEED, "poll")
                .once(Route.WS_RESULT, Fault.status(404))
                .fails(JobFailedException.class, "does not know prediction", 1));
        lostReplyAmongOtherJobs(ATLASCLOUD, cases);
    }

    /**
     * A lost submit reply while the host also lists an earlier job that could be this render's (on
     * Atlas Cloud the same input, on Model Studio the same model): this engine's own earlier job is
     * claimed, so the other is adopted; another process's leaves two candidates, so the render
     * names them and pays nothing more.
     */
    private static void lostReplyAmongOtherJobs(ProviderId host, List<FaultCase> cases) {
        String shows = host == ATLASCLOUD ? "history" : "task list";
        cases.add(quickJobs(new FaultCase(
                        "submit reply lost; the " + shows + " also shows this engine's earlier job", host, "submit"))
                .arrange(rig -> Probe.renderOnceBefore(rig, host))
                .once(submitRoute(host), Fault.lostSubmitReply())
                .succeeds(2));
        cases.add(quickJobs(new FaultCase(
                        "submit reply lost; the " + shows + " also shows another process's job", host, "submit"))
                .arrange(rig -> Probe.renderOnceBefore(rig, host, rig.otherEngine()))
                .once(submitRoute(host), Fault.lostSubmitReply())
                .fails(SubmissionUncertainException.class, "several jobs", 2));
    }

    /** Quick jobs and URL images, so an earlier job is well inside the two minutes a lookup reads. */
    private static FaultCase quickJobs(FaultCase c) {
        return c.settings(s -> s.simulator(b -> b.processingTime(Duration.ofSeconds(5)))
                        .engine(b -> b.pollingPolicy(
                                PollingPolicy.builder().expectedTime(5, 0, 1).build())))
                .request(b -> b.images(List.of(Probe.REMOTE_IMAGE)));
    }

    // ---- Model Studio's own quirks -----------------------------------------------------------

    private static void modelStudioQuirks(List<FaultCase> cases) {
        lostReplyAmongOtherJobs(MODELSTUDIO, cases);
        cases.add(new FaultCase("key of another region (401 InvalidApiKey)", MODELSTUDIO, "upload (policy)")
                .options(o -> o.apiKey(ApiKey.of(Rig.OTHER_REGION_KEY)))
                .fails(AuthenticationException.class, "another region or workspace", 0));
        cases.add(new FaultCase("key of another region (401 InvalidApiKey)", MODELSTUDIO, "submit")
                .request(b -> b.images(List.of(Probe.REMOTE_IMAGE)))
                .options(o -> o.apiKey(ApiKey.of(Rig.OTHER_REGION_KEY)))
                .fails(AuthenticationException.class, "another region or workspace", 0));
        cases.add(new FaultCase("storage refuses the signed form (403)", MODELSTUDIO, "upload (storage)")
                .once(Route.MS_STORAGE, Fault.status(403))
                .fails(ProviderUnavailableException.class, "temporary storage refused", 0));
        cases.add(new FaultCase(
                        "storage reply lost after the file was stored (the post again answers 409)",
                        MODELSTUDIO,
                        "upload (storage)")
                .once(Route.MS_STORAGE, Fault.lostSubmitReply())
                .succeeds());
        cases.add(new FaultCase(
                        "storage answers 409 to the first post (no file of this render's)",
                        MODELSTUDIO,
                        "upload (storage)")
                .once(Route.MS_STORAGE, Fault.status(409))
                .fails(ProviderUnavailableException.class, "HTTP 409", 0));
        cases.add(new FaultCase("task forgotten after 24 hours while the render waits (UNKNOWN)", MODELSTUDIO, "poll")
                .settings(s -> s.simulator(b -> b.processingTime(Duration.ofHours(30))))
                .options((rig, o) -> o.deadline(Duration.ofDays(3)).checkpointSink(Probe.holdingTimeOnceSubmitted(rig)))
                .during((rig, handle) -> {
                    Probe.awaitPredictionId(handle);
                    rig.scheduler().advance(Duration.ofHours(25));
                    rig.scheduler().release();
                })
                .fails(JobFailedException.class, "no longer knows task", 1));
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static Route submitRoute(ProviderId host) {
        return switch (host) {
            case WAVESPEED -> Route.WS_SUBMIT;
            case ATLASCLOUD -> Route.AC_SUBMIT;
            case MODELSTUDIO -> Route.MS_SUBMIT;
        };
    }

    private static Route pollRoute(ProviderId host) {
        return switch (host) {
            case WAVESPEED -> Route.WS_RESULT;
            case ATLASCLOUD -> Route.AC_PREDICTION;
            case MODELSTUDIO -> Route.MS_TASK;
        };
    }

    /** Where a lost submit reply is looked up; none on WaveSpeed. */
    private static Route historyRoute(ProviderId host) {
        return host == MODELSTUDIO ? Route.MS_TASKS : Route.AC_HISTORY;
    }

    /** The calls of an upload, first to last. */
    private static List<Endpoint> uploads(ProviderId host) {
        return switch (host) {
            case WAVESPEED ->
                List.of(
                        new Endpoint("upload (prepare)", Route.WS_UPLOAD),
                        new Endpoint("upload (PUT)", Route.MEDIA_PUT));
            case ATLASCLOUD -> List.of(new Endpoint("upload", Route.AC_UPLOAD));
            case MODELSTUDIO ->
                List.of(
                        new Endpoint("upload (policy)", Route.MS_POLICY),
                        new Endpoint("upload (storage)", Route.MS_STORAGE));
        };
    }

    private static List<Endpoint> endpoints(ProviderId host) {
        List<Endpoint> all = new ArrayList<>(uploads(host));
        all.add(new Endpoint("submit", submitRoute(host)));
        all.add(new Endpoint("poll", pollRoute(host)));
        if (host != WAVESPEED) {
            all.add(new Endpoint("history", historyRoute(host)));
        }
        all.add(new Endpoint("download", Route.MEDIA_GET));
        return all;
    }

    /**
     * A loopback port that refuses connections for as long as the tests run: a socket bound to it
     * that never listens, so no other server (of this process or another) can take the port
     * meanwhile, as it could take a port that was merely found free and released.
     */
    static int closedPort() {
        return RefusingPort.PORT;
    }

    /** Holds the refusing port; opened once, before the matrix takes its baseline of descriptors. */
    static final class RefusingPort {
        private static final Socket BOUND = bind();
        static final int PORT = BOUND.getLocalPort();

        private RefusingPort() {}

        private static Socket bind() {
            Socket socket = new Socket();
            try {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                return socket;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static URI closedPortBase(ProviderId host) {
        String base = "http://127.0.0.1:" + closedPort();
        return URI.create(host == WAVESPEED ? base : base + "/api/v1");
    }

    private static URI closedPortUrl() {
        return URI.create("http://127.0.0.1:" + closedPort() + "/outputs/clip.mp4");
    }

    private record Endpoint(String name, Route route) {
        boolean beforeSubmit() {
            return route == Route.WS_UPLOAD
                    || route == Route.MEDIA_PUT
                    || route == Route.AC_UPLOAD
                    || route == Route.MS_POLICY
                    || route == Route.MS_STORAGE;
        }
    }

    private enum BodyFault {
        MALFORMED("malformed JSON"),
        TRUNCATED("truncated body"),
        CORRUPT("corrupt body (first 4 KiB scrambled)");

        final String label;

        BodyFault(String label) {
            this.label = label;
        }

        Fault fault() {
            switch (this) {
                case MALFORMED:
                    return Fault.malformedJson();
                case TRUNCATED:
                    return Fault.truncatedBody();
                default:
                    return Fault.corruptBody();
            }
        }
    }
}

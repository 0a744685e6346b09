package io.jenkins.plugins.happyhorse.simulator.modelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import io.jenkins.plugins.happyhorse.simulator.http.Binding;
import io.jenkins.plugins.happyhorse.simulator.http.Call;
import io.jenkins.plugins.happyhorse.simulator.http.Dispatcher;
import io.jenkins.plugins.happyhorse.simulator.http.HostStyle;
import io.jenkins.plugins.happyhorse.simulator.http.HttpProblem;
import io.jenkins.plugins.happyhorse.simulator.http.Reply;
import io.jenkins.plugins.happyhorse.simulator.job.Backend;
import io.jenkins.plugins.happyhorse.simulator.job.Job;
import io.jenkins.plugins.happyhorse.simulator.media.OutputRules;
import io.jenkins.plugins.happyhorse.simulator.video.FrameSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Model Studio's endpoints under {@code /api/v1}: the asynchronous submit ({@link SubmitRoute}),
 * the task query ({@link TaskRoute}), the task list ({@link TaskListRoute}) and the
 * temporary-storage policy ({@link PolicyRoute}), plus the separate storage origin the policy
 * points at ({@link StorageOrigin}). See the package documentation for what each plays and where
 * it comes from.
 */
public final class ModelStudioApi {
    /** How long a task id answers before it reads {@code UNKNOWN} [doc]. */
    public static final Duration TASK_LIFETIME = TaskStates.TASK_LIFETIME;
    /** How long a {@code video_url} can be downloaded after the task ends [doc: 24 h; guess: from the end]. */
    public static final Duration VIDEO_URL_LIFETIME = TaskRoute.VIDEO_URL_LIFETIME;
    /** Task queries allowed per second per account [doc]. */
    public static final int DEFAULT_QUERY_LIMIT = 20;

    static final String SUBMIT_PATH = "/api/v1/services/aigc/video-generation/video-synthesis";

    private final TemporaryStorage storage;
    private final StorageOrigin storageOrigin;
    private final SubmitRoute submit;
    private final TaskRoute task;
    private final TaskListRoute list;
    private final PolicyRoute policy;
    private final HostStyle style = new ModelStudioStyle();

    /**
     * @param workDirectory where temporary-storage files are kept
     * @param apiKey the key this host accepts
     * @param otherRegionKey a key of the same account in another region, refused as invalid, or null
     * @param queryLimit task queries per simulated second (0: no limit)
     * @param storageBase the storage origin, {@code upload_host} in every policy
     */
    public ModelStudioApi(
            Backend backend,
            Path workDirectory,
            String apiKey,
            String otherRegionKey,
            int queryLimit,
            URI storageBase,
            long seed)
            throws IOException {
        this.storage = new TemporaryStorage(workDirectory, apiKey, seed);
        this.storageOrigin = new StorageOrigin(storage, backend.clock(), backend.stats());
        KeyCheck keys = new KeyCheck(backend, apiKey, otherRegionKey);
        ConcurrentHashMap<String, String> submitRequestIds = new ConcurrentHashMap<>();
        this.submit = new SubmitRoute(backend, keys, storage, submitRequestIds);
        this.task = new TaskRoute(backend, keys, new QueryLimiter(queryLimit), storage.accessKeyId());
        this.list = new TaskListRoute(backend, keys, submitRequestIds);
        this.policy = new PolicyRoute(backend, keys, storage, storageBase);
    }

    /** The routes of the API origin. They check the key themselves, to answer in the host's words. */
    public List<Binding> bindings() {
        return List.of(
                Binding.of(
                        "POST",
                        SUBMIT_PATH.replace(".", "\\."),
                        Route.MS_SUBMIT,
                        style,
                        false,
                        call -> answer(call, submit::handle)),
                Binding.of(
                        "GET",
                        "/api/v1/tasks/(?<id>[^/]+)",
                        Route.MS_TASK,
                        style,
                        false,
                        call -> answer(call, task::handle)),
                Binding.of("GET", "/api/v1/tasks", Route.MS_TASKS, style, false, call -> answer(call, list::handle)),
                Binding.of(
                        "GET", "/api/v1/uploads", Route.MS_POLICY, style, false, call -> answer(call, policy::handle)));
    }

    /** What other paths of this host answer [3rd: "url error, please check url!" with InvalidParameter]. */
    public List<Dispatcher.Fallback> fallbacks() {
        List<Dispatcher.Fallback> fallbacks = new ArrayList<>();
        for (String prefix : List.of("/api/v1/services/", "/api/v1/tasks", "/api/v1/uploads")) {
            fallbacks.add(new Dispatcher.Fallback(prefix, style, 400, "url error, please check url!"));
        }
        return fallbacks;
    }

    /** The storage origin's routes. */
    public List<Binding> storageBindings() {
        return storageOrigin.bindings();
    }

    /** What the storage origin answers to anything but its POST. */
    public Dispatcher.Fallback storageFallback() {
        return storageOrigin.fallback();
    }

    /**
     * How this host's clips are made and served: {@code oss://} images read from temporary
     * storage, the watermark unless {@code watermark: false} was sent, and output links that
     * expire 24 hours (simulated) after the task ends.
     */
    public OutputRules outputRules() {
        return new OutputRules() {
            @Override
            public Optional<Path> imageFile(String url) {
                return storage.find(url).map(StoredObject::file);
            }

            @Override
            public FrameSource decorate(Job job, FrameSource source) {
                return job.host() == Host.MODELSTUDIO && watermarked(job) ? Watermark.over(source) : source;
            }

            @Override
            public boolean expired(Job job, Instant now) {
                return job.host() == Host.MODELSTUDIO
                        && !now.isBefore(job.completesAtSimulated().plus(VIDEO_URL_LIFETIME));
            }
        };
    }

    /** Whether a Model Studio job's clip carries the mark: unless {@code parameters.watermark} was false. */
    static boolean watermarked(Job job) {
        JsonNode flag = job.input().path("parameters").path("watermark");
        return !flag.isBoolean() || flag.asBoolean();
    }

    /** The {@code task_status} a client sees for a Model Studio job now. */
    public static String statusWord(Job job, Instant now) {
        return TaskStates.statusWord(job, now);
    }

    @FunctionalInterface
    private interface Handler {
        Reply handle(Call call) throws ModelStudioError, HttpProblem, IOException;
    }

    /** Runs a route, turning a refusal into the host's error envelope. */
    private static Reply answer(Call call, Handler handler) throws HttpProblem, IOException {
        try {
            return handler.handle(call);
        } catch (ModelStudioError error) {
            return error.reply(call);
        }
    }
}

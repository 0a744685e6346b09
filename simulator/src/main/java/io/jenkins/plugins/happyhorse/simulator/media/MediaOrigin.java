package io.jenkins.plugins.happyhorse.simulator.media;

import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import io.jenkins.plugins.happyhorse.simulator.http.Binding;
import io.jenkins.plugins.happyhorse.simulator.http.Call;
import io.jenkins.plugins.happyhorse.simulator.http.Dispatcher;
import io.jenkins.plugins.happyhorse.simulator.http.HostStyle;
import io.jenkins.plugins.happyhorse.simulator.http.HttpProblem;
import io.jenkins.plugins.happyhorse.simulator.http.Reply;
import io.jenkins.plugins.happyhorse.simulator.http.ReplyBody;
import io.jenkins.plugins.happyhorse.simulator.job.Backend;
import io.jenkins.plugins.happyhorse.simulator.job.Job;
import io.jenkins.plugins.happyhorse.simulator.job.JobState;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The origin that serves uploads and output clips, separate from the API origin so that a
 * client sending its key here is caught (the dispatcher records any Authorization header).
 * It takes presigned PUTs, checking the signed headers and the announced size, and serves
 * files with single-range support so a browser can seek in a clip.
 */
public final class MediaOrigin {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    private final Backend backend;
    private final MediaStore media;
    private final OutputStore outputs;
    private final HostStyle style = new MediaStyle();

    public MediaOrigin(Backend backend, MediaStore media, OutputStore outputs) {
        this.backend = backend;
        this.media = media;
        this.outputs = outputs;
    }

    /** The routes of the media origin; none checks a key. */
    public List<Binding> bindings() {
        Set<String> get = Set.of("GET", "HEAD");
        return List.of(
                Binding.of("PUT", "/put/(?<token>[^/]+)", Route.MEDIA_PUT, style, false, this::put),
                new Binding(
                        get,
                        Pattern.compile("/uploads/(?<token>[^/]+)/(?<name>[^/]+)"),
                        Route.MEDIA_GET,
                        style,
                        false,
                        this::upload),
                new Binding(
                        get,
                        Pattern.compile("/outputs/(?<id>[^/]+)\\.mp4"),
                        Route.MEDIA_GET,
                        style,
                        false,
                        this::output));
    }

    /** Everything else on the media origin is a missing key. */
    public Dispatcher.Fallback fallback() {
        return new Dispatcher.Fallback("", style, 404, "The specified key does not exist.");
    }

    private Reply put(Call call) throws IOException, HttpProblem {
        Upload upload = media.find(call.pathParam("token"))
                .filter(u -> u.putUrl() != null)
                .orElseThrow(() -> new HttpProblem(404, "The specified upload does not exist."));
        if (call.header("Authorization") != null) {
            // Object stores refuse a second authentication mechanism next to the signed URL.
            throw new HttpProblem(400, "Only one auth mechanism allowed; the signed URL already authorises this PUT");
        }
        for (Map.Entry<String, String> signed : upload.putHeaders().entrySet()) {
            if (!signed.getValue().equals(call.header(signed.getKey()))) {
                throw new HttpProblem(
                        403, "SignatureDoesNotMatch: header " + signed.getKey() + " differs from the signed value");
            }
        }
        long declared = call.declaredLength();
        if (declared >= 0 && declared != upload.declaredSize()) {
            throw new HttpProblem(
                    400, "the body has " + declared + " bytes but the upload was signed for " + upload.declaredSize());
        }
        Optional<Long> size = media.completePut(upload, call.body(), upload.declaredSize());
        if (size.isEmpty() || size.get() != upload.declaredSize()) {
            throw new HttpProblem(
                    400,
                    "the body's size differs from the " + upload.declaredSize() + " bytes the upload was signed for");
        }
        return Reply.empty(200).header("ETag", "\"" + upload.token() + "\"");
    }

    private Reply upload(Call call) throws IOException, HttpProblem {
        String token = call.pathParam("token");
        Upload upload = media.find(token)
                .filter(u -> u.filename().equals(call.pathParam("name")))
                .orElseThrow(() -> new HttpProblem(404, "The specified key does not exist."));
        long size =
                media.completedSize(token).orElseThrow(() -> new HttpProblem(404, "The specified key does not exist."));
        return ranged(call, new Clip(upload.file(), size, size), upload.contentType(), token);
    }

    private Reply output(Call call) throws IOException, HttpProblem {
        Job job = backend.jobs()
                .find(call.pathParam("id"))
                .orElseThrow(() -> new HttpProblem(404, "The specified key does not exist."));
        Instant now = backend.clock().now();
        if (job.state(now) != JobState.SUCCEEDED) {
            throw new HttpProblem(404, "The specified key does not exist.");
        }
        if (outputs.expired(job, now)) {
            // What object storage answers for a signed link past its Expires time.
            throw new HttpProblem(403, "Request has expired");
        }
        if (job.outcome() == Outcome.EXPIRED_OUTPUT) {
            throw job.expiredOutputStatus() == 403
                    ? new HttpProblem(403, "Request has expired")
                    : new HttpProblem(404, "The specified key does not exist.");
        }
        Clip clip = outputs.clipFor(job);
        if (!call.isHead()) {
            job.noteDownload(backend.clock().realNow());
        }
        return ranged(call, clip, "video/mp4", job.id());
    }

    private static Reply ranged(Call call, Clip clip, String contentType, String etag) throws IOException {
        if (!Files.isRegularFile(clip.file())) {
            throw new IOException("stored file is missing");
        }
        long total = clip.totalLength();
        if (total == 0) {
            return Reply.of(200, contentType, ReplyBody.empty()).header("ETag", "\"" + etag + "\"");
        }
        String range = call.header("Range");
        if (range == null) {
            return Reply.of(200, contentType, clip.range(0, total - 1))
                    .header("Accept-Ranges", "bytes")
                    .header("ETag", "\"" + etag + "\"");
        }
        Matcher m = RANGE.matcher(range.trim());
        long first;
        long last;
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return unsatisfiable(total);
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            first = Math.max(0, total - suffix);
            last = total - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? total - 1 : Math.min(Long.parseLong(m.group(2)), total - 1);
        }
        if (first >= total || last < first) {
            return unsatisfiable(total);
        }
        return Reply.of(206, contentType, clip.range(first, last))
                .header("Accept-Ranges", "bytes")
                .header("Content-Range", "bytes " + first + "-" + last + "/" + total)
                .header("ETag", "\"" + etag + "\"");
    }

    private static Reply unsatisfiable(long total) {
        return Reply.empty(416).header("Content-Range", "bytes */" + total);
    }
}

package io.jenkins.plugins.happyhorse.acceptance.browser;

import io.jenkins.plugins.happyhorse.acceptance.harness.Waits;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** A build's page in the browser, and the clip player the plugin puts on it. */
public final class BuildPageView {
    private final Browser browser;
    private final URI url;

    public BuildPageView(Browser browser, URI url) {
        this.browser = browser;
        this.url = url;
    }

    /** What the page's {@code <video>} reports. */
    public record Video(
            String source, int readyState, double durationSeconds, long width, long height, Object errorCode) {}

    public BuildPageView open() {
        browser.open(url);
        return this;
    }

    /** Waits (bounded) until the player has loaded the clip's metadata; what it reports. */
    @SuppressWarnings("unchecked")
    public Video awaitVideoMetadata() {
        return Waits.until("the build page's <video> to load the clip's metadata", Duration.ofMinutes(1), () -> {
            Object state = browser.script(
                    """
                    const v = document.querySelector('video');
                    if (!v) { return null; }
                    return {source: v.currentSrc || v.src, readyState: v.readyState, duration: v.duration,
                            width: v.videoWidth, height: v.videoHeight, error: v.error ? v.error.code : null};
                    """);
            if (state == null) {
                throw new AssertionError("the build page has no <video>");
            }
            Map<String, Object> v = (Map<String, Object>) state;
            Video video = new Video(
                    String.valueOf(v.get("source")),
                    ((Number) v.get("readyState")).intValue(),
                    v.get("duration") instanceof Number n ? n.doubleValue() : Double.NaN,
                    ((Number) v.get("width")).longValue(),
                    ((Number) v.get("height")).longValue(),
                    v.get("error"));
            if (video.errorCode() != null) {
                throw new AssertionError("the <video> failed with MediaError code " + video.errorCode() + ": " + video);
            }
            return video.readyState() >= 1 && video.width() > 0
                    ? Waits.Poll.done(video)
                    : Waits.Poll.<Video>notYet(video.toString());
        });
    }

    /** Starts the player (muted, as a page may without a click) and waits until it has played {@code seconds}; the time reached. */
    public double play(double seconds) {
        Object started = browser.asyncScript(
                """
                const done = arguments[arguments.length - 1];
                const v = document.querySelector('video');
                v.muted = true;
                v.play().then(() => done('playing'), e => done('refused: ' + e));
                """);
        if (!"playing".equals(started)) {
            throw new AssertionError("the <video> did not start: " + started);
        }
        return Waits.until("the <video> to play " + seconds + " s", Duration.ofMinutes(1), () -> {
            Number time = (Number) browser.script("return document.querySelector('video').currentTime");
            Object error =
                    browser.script("const v = document.querySelector('video'); return v.error ? v.error.code : null");
            if (error != null) {
                throw new AssertionError("the <video> failed while playing with MediaError code " + error);
            }
            return time.doubleValue() >= seconds
                    ? Waits.Poll.done(time.doubleValue())
                    : Waits.Poll.<Double>notYet("currentTime " + time);
        });
    }

    /** The text of the page's main panel. */
    public String mainText() {
        return String.valueOf(
                browser.script("return (document.getElementById('main-panel') || document.body).innerText"));
    }
}

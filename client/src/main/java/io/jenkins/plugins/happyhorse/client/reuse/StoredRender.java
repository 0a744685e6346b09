package io.jenkins.plugins.happyhorse.client.reuse;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A paid render that another render with the same {@code ClipSpec.digest()} may reuse: where its
 * clip is, how to recognise it, what it cost and who produced it.
 *
 * @param digest the clip's identity, {@code ClipSpec.digest()}
 * @param locator where the clip is, as the caller said: in Jenkins the archived artifact of the
 *     build that paid, on the command line a file; opened by the store's {@link ClipResolver}
 * @param bytes the clip's length
 * @param sha256 the SHA-256 of its bytes, hex
 * @param usd what it cost
 * @param host the host's id
 * @param predictionId the host's job id
 * @param at when it was delivered
 * @param producer who produced it, the caller's label (e.g. a job and build)
 * @param seconds its duration
 * @param resolution e.g. {@code 720p}
 * @param aspectRatio e.g. {@code 16:9}
 * @param copy the store's own copy (a file name in its folder), empty when it keeps none
 * @param lastUsed when it was last delivered or reused
 */
public record StoredRender(
        String digest,
        String locator,
        long bytes,
        String sha256,
        BigDecimal usd,
        String host,
        String predictionId,
        Instant at,
        String producer,
        int seconds,
        String resolution,
        String aspectRatio,
        String copy,
        Instant lastUsed) {
    public StoredRender {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(locator, "locator");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(at, "at");
        usd = usd == null ? BigDecimal.ZERO : usd;
        host = host == null ? "" : host;
        predictionId = predictionId == null ? "" : predictionId;
        producer = producer == null ? "" : producer;
        resolution = resolution == null ? "" : resolution;
        aspectRatio = aspectRatio == null ? "" : aspectRatio;
        copy = copy == null ? "" : copy;
        lastUsed = lastUsed == null ? at : lastUsed;
    }

    /** Whether the store keeps a copy of its own. */
    public boolean hasCopy() {
        return !copy.isEmpty();
    }

    StoredRender withCopy(String newCopy) {
        return new StoredRender(
                digest,
                locator,
                bytes,
                sha256,
                usd,
                host,
                predictionId,
                at,
                producer,
                seconds,
                resolution,
                aspectRatio,
                newCopy,
                lastUsed);
    }

    StoredRender usedAt(Instant when) {
        return new StoredRender(
                digest,
                locator,
                bytes,
                sha256,
                usd,
                host,
                predictionId,
                at,
                producer,
                seconds,
                resolution,
                aspectRatio,
                copy,
                when);
    }
}

package io.jenkins.plugins.happyhorse.client.reuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file render store: verified lookups, its own copies within limits, and shared flights. */
class FileRenderStoreTest {
    private static final Instant T0 = Instant.parse("2026-03-14T02:00:00Z");

    @TempDir
    Path dir;

    private Instant now = T0;
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    private static String digest(int n) {
        return HexFormat.of().formatHex(new byte[32]).substring(0, 62) + String.format("%02x", n);
    }

    private Path clip(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + name.hashCode());
        }
        Path file = dir.resolve("work").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private StoredRender recordOf(String digest, Path file) throws IOException {
        ClipFingerprint fp = ClipFingerprint.of(file);
        return new StoredRender(
                digest,
                ClipResolver.locatorOf(file),
                fp.bytes(),
                fp.sha256(),
                new BigDecimal("2.80"),
                "wavespeed",
                "pred-1",
                now,
                "nightly #41",
                10,
                "1080p",
                "16:9",
                "",
                null);
    }

    private FileRenderStore store(StoreLimits limits) {
        return FileRenderStore.open(dir.resolve("store"), ClipResolver.files(), limits, clock);
    }

    @Test
    void aRecordedClipIsFoundVerifiedAndSurvivesReopening() throws IOException {
        Path clip = clip("a.mp4", 5000);
        store(StoreLimits.defaults()).record(recordOf(digest(1), clip), clip, false);

        ReuseLookup found = store(StoreLimits.defaults()).lookup(digest(1));
        assertThat(found).isInstanceOf(ReuseLookup.Found.class);
        ReuseLookup.Found f = (ReuseLookup.Found) found;
        assertThat(f.render().producer()).isEqualTo("nightly #41");
        assertThat(f.source().describe()).isEqualTo(ClipResolver.locatorOf(clip));
        try (InputStream in = f.source().open()) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(clip));
        }
        assertThat(store(StoreLimits.defaults()).lookup(digest(2))).isInstanceOf(ReuseLookup.None.class);
    }

    @Test
    void aMissingOrDamagedSourceIsReportedAsSuch() throws IOException {
        Path clip = clip("a.mp4", 5000);
        FileRenderStore store = store(StoreLimits.defaults());
        store.record(recordOf(digest(1), clip), clip, false);

        Files.write(clip, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        ReuseLookup damaged = store.lookup(digest(1));
        assertThat(damaged).isInstanceOf(ReuseLookup.Unusable.class);
        assertThat(((ReuseLookup.Unusable) damaged).problem()).isEqualTo(ReuseLookup.Problem.DAMAGED);
        assertThat(((ReuseLookup.Unusable) damaged).detail())
                .contains("5003 bytes")
                .contains("5000 bytes");

        Files.delete(clip);
        ReuseLookup missing = store.lookup(digest(1));
        assertThat(((ReuseLookup.Unusable) missing).problem()).isEqualTo(ReuseLookup.Problem.MISSING);
    }

    @Test
    void itsOwnCopyServesWhenTheSourceWasDeleted() throws IOException {
        Path clip = clip("a.mp4", 5000);
        FileRenderStore store = store(StoreLimits.defaults());
        store.record(recordOf(digest(1), clip), clip, true);
        Files.delete(clip);

        ReuseLookup.Found found = (ReuseLookup.Found) store.lookup(digest(1));
        assertThat(found.source().describe()).isEqualTo("the render store's own copy");
        assertThat(found.note()).contains("is missing");
        assertThat(Files.size(dir.resolve("store").resolve(found.render().copy())))
                .isEqualTo(5000);
    }

    @Test
    void copiesBeyondTheSizeLimitGoLeastRecentlyUsedFirstAndOldOnesGoAfterTheirAge() throws IOException {
        FileRenderStore store = store(new StoreLimits(10_000, Duration.ofDays(30)));
        for (int i = 1; i <= 3; i++) {
            Path clip = clip(i + ".mp4", 4000);
            store.record(recordOf(digest(i), clip), clip, true);
            now = now.plusSeconds(60);
        }
        // Three copies of 4000 bytes do not fit in 10000: the least recently used (the first) went.
        assertThat(store.find(digest(1)).orElseThrow().hasCopy()).isFalse();
        assertThat(store.find(digest(2)).orElseThrow().hasCopy()).isTrue();
        assertThat(store.find(digest(3)).orElseThrow().hasCopy()).isTrue();
        assertThat(store.find(digest(1))).as("the record stays").isPresent();

        // Using the second makes the third the least recently used.
        store.lookup(digest(2));
        now = now.plusSeconds(60);
        Path fourth = clip("4.mp4", 4000);
        store.record(recordOf(digest(4), fourth), fourth, true);
        assertThat(store.find(digest(2)).orElseThrow().hasCopy()).isTrue();
        assertThat(store.find(digest(3)).orElseThrow().hasCopy()).isFalse();

        now = now.plus(Duration.ofDays(31));
        store.forget(digest(9)); // any change applies the limits
        assertThat(store.list()).noneMatch(StoredRender::hasCopy);
        try (var files = Files.list(dir.resolve("store").resolve("clips"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aRecordWithoutAProperDigestIsRefusedAndAHandEditedCopyNameIsIgnored() throws IOException {
        Path clip = clip("a.mp4", 100);
        FileRenderStore store = store(StoreLimits.defaults());
        assertThatThrownBy(() -> store.record(recordOf("../../etc", clip), clip, true))
                .hasMessageContaining("digest: ../../etc is not allowed");
        store.record(recordOf(digest(1), clip), clip, false);
        Path index = dir.resolve("store").resolve("index.json");
        Files.writeString(index, Files.readString(index).replace("\"copy\" : \"\"", "\"copy\" : \"../../victim\""));
        assertThat(store.find(digest(1)).orElseThrow().copy()).isEmpty();
    }

    @Test
    void aDamagedIndexIsSetAsideAndTheStoreStartsAfresh() throws IOException {
        FileRenderStore store = store(StoreLimits.defaults());
        Files.writeString(dir.resolve("store").resolve("index.json"), "{\"version\": 1, \"renders\": [");
        assertThat(store.list()).isEmpty();
        try (var files = Files.list(dir.resolve("store"))) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("index.json.damaged-"));
        }
    }

    @Test
    void aCallerOwnResolverOpensItsLocators() throws IOException {
        Path clip = clip("a.mp4", 300);
        ClipResolver artifacts = locator -> {
            if (!locator.startsWith("artifact:")) {
                throw new NoSuchFileException(locator);
            }
            return Files.newInputStream(clip);
        };
        FileRenderStore store = FileRenderStore.open(dir.resolve("store"), artifacts, StoreLimits.defaults(), clock);
        StoredRender r = recordOf(digest(1), clip);
        store.record(
                new StoredRender(
                        r.digest(),
                        "artifact:nightly/41/clips/a.mp4",
                        r.bytes(),
                        r.sha256(),
                        r.usd(),
                        r.host(),
                        r.predictionId(),
                        r.at(),
                        r.producer(),
                        r.seconds(),
                        r.resolution(),
                        r.aspectRatio(),
                        "",
                        null),
                clip,
                false);
        assertThat(store.lookup(digest(1))).isInstanceOf(ReuseLookup.Found.class);
    }

    @Test
    void oneCallerLeadsAFlightAndTheOthersFollowItUntilItLandsOrFails() {
        ReuseFlights flights = new ReuseFlights();
        ReuseFlights.Claim first = flights.claim(digest(1));
        ReuseFlights.Claim second = flights.claim(digest(1));
        ReuseFlights.Claim third = flights.claim(digest(1));
        assertThat(first).isInstanceOf(ReuseFlights.Claim.Lead.class);
        assertThat(second).isInstanceOf(ReuseFlights.Claim.Follow.class);
        CompletableFuture<ReuseFlights.Landing> waiting = ((ReuseFlights.Claim.Follow) second).landing();
        CompletableFuture<ReuseFlights.Landing> gaveUp = ((ReuseFlights.Claim.Follow) third).landing();
        gaveUp.cancel(false);

        ((ReuseFlights.Claim.Lead) first).flight().abort(new IllegalStateException("failed"));
        assertThat(waiting).isCompletedExceptionally();
        assertThat(flights.inFlight()).isZero();
        assertThat(flights.claim(digest(1)))
                .as("the next caller leads again")
                .isInstanceOf(ReuseFlights.Claim.Lead.class);
    }

    @Test
    void thePolicyParsesItsWords() {
        assertThat(ReusePolicy.parse(" Auto ")).contains(ReusePolicy.AUTO);
        assertThat(ReusePolicy.parse("sometimes")).isEmpty();
        assertThat(ReusePolicy.NEVER.word()).isEqualTo("never");
    }
}

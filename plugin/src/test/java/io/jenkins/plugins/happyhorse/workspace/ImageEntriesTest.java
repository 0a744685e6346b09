package io.jenkins.plugins.happyhorse.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageEntriesTest {

    @Test
    void entriesWithLineBreaksBecomeOneEntryPerLine() {
        List<String> entries = ImageEntries.normalize(List.of(" a.png \r\n\n b/*.jpg", "https://x.test/c.png"));

        assertThat(entries).containsExactly("a.png", "b/*.jpg", "https://x.test/c.png");
    }

    @Test
    void blankAndMissingEntriesAreDropped() {
        assertThat(ImageEntries.normalize(null)).isEmpty();
        assertThat(ImageEntries.normalize(Arrays.asList("  ", null, "\n"))).isEmpty();
    }

    @Test
    void joinIsTheInverseOfSplit() {
        List<String> entries = List.of("a.png", "https://x.test/c.png");

        assertThat(ImageEntries.split(ImageEntries.join(entries))).isEqualTo(entries);
        assertThat(ImageEntries.join(List.of())).isNull();
    }

    @Test
    void urlsAreToldApartFromPathsIncludingWindowsDrives() {
        assertThat(ImageEntries.isUrl("https://example.com/a.png")).isTrue();
        assertThat(ImageEntries.isUrl("ftp://example.com/a.png")).isTrue();
        assertThat(ImageEntries.isUrl("assets/a.png")).isFalse();
        assertThat(ImageEntries.isUrl("C:\\refs\\a.png")).isFalse();
        assertThat(ImageEntries.isUrl("**/ref-*.jpg")).isFalse();
    }
}

package io.jenkins.plugins.happyhorse.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URISyntaxException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Redirect targets resolve as RFC 3986 says, including the cases RFC 2396 gets wrong. */
class UriReferenceTest {
    private static final URI BASE = URI.create("http://a/b/c/d;p?q");

    /** The examples of RFC 3986 section 5.4 (normal and abnormal). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = ' ',
            value = {
                "g:h g:h",
                "g http://a/b/c/g",
                "./g http://a/b/c/g",
                "g/ http://a/b/c/g/",
                "/g http://a/g",
                "//g http://g",
                "?y http://a/b/c/d;p?y",
                "g?y http://a/b/c/g?y",
                "#s http://a/b/c/d;p?q#s",
                "g#s http://a/b/c/g#s",
                "g?y#s http://a/b/c/g?y#s",
                ";x http://a/b/c/;x",
                "g;x http://a/b/c/g;x",
                "g;x?y#s http://a/b/c/g;x?y#s",
                ". http://a/b/c/",
                "./ http://a/b/c/",
                ".. http://a/b/",
                "../ http://a/b/",
                "../g http://a/b/g",
                "../.. http://a/",
                "../../ http://a/",
                "../../g http://a/g",
                "../../../g http://a/g",
                "../../../../g http://a/g",
                "/./g http://a/g",
                "/../g http://a/g",
                "g. http://a/b/c/g.",
                ".g http://a/b/c/.g",
                "g.. http://a/b/c/g..",
                "..g http://a/b/c/..g",
                "./../g http://a/b/g",
                "./g/. http://a/b/c/g/",
                "g/./h http://a/b/c/g/h",
                "g/../h http://a/b/c/h",
                "g;x=1/./y http://a/b/c/g;x=1/y",
                "g;x=1/../y http://a/b/c/y",
                "g?y/./x http://a/b/c/g?y/./x",
                "g?y/../x http://a/b/c/g?y/../x",
                "g#s/./x http://a/b/c/g#s/./x",
                "g#s/../x http://a/b/c/g#s/../x",
            })
    void resolvesTheStandardsExamples(String reference, String expected) throws URISyntaxException {
        assertThat(UriReference.resolve(BASE, reference)).hasToString(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = ' ',
            value = {
                // A renewed signature keeps the clip's path (URI.resolve would drop clip.mp4).
                "?signature=renewed https://cdn.example/outputs/clip.mp4?signature=renewed",
                // An empty reference is the same document, without the fragment.
                "'' https://cdn.example/outputs/clip.mp4?old=1",
                // Encoded characters stay encoded.
                "../v2/a%20b.mp4?x=%2F https://cdn.example/v2/a%20b.mp4?x=%2F",
                "https://[::1]:8443/c.mp4 https://[::1]:8443/c.mp4",
            })
    void keepsWhatTheBaseSaysUnlessTheReferenceReplacesIt(String reference, String expected) throws URISyntaxException {
        URI base = URI.create("https://cdn.example/outputs/clip.mp4?old=1#frag");
        assertThat(UriReference.resolve(base, reference)).hasToString(expected);
    }

    @ParameterizedTest
    @CsvSource({"https://[::1", "http://exa mple.com/", "/a b.mp4"})
    void refusesWhatIsNotAReference(String reference) {
        assertThatThrownBy(() -> UriReference.resolve(BASE, reference)).isInstanceOf(URISyntaxException.class);
    }
}

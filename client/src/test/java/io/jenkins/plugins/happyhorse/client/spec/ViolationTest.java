package io.jenkins.plugins.happyhorse.client.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ViolationTest {

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    @Test
    void aShortValueIsShownAsGivenOnOneLine() {
        assertThat(Violation.shorten("out/clip.mp4")).isEqualTo("out/clip.mp4");
        assertThat(Violation.shorten("a horse\n\tgallops")).isEqualTo("a horse gallops");
        assertThat(Violation.shorten("")).isEqualTo("(empty)");
        assertThat(Violation.shorten(null)).isEqualTo("(empty)");
        String sixty = "/" + "d".repeat(50) + "/clip.mp4";
        assertThat(Violation.shorten(sixty)).isEqualTo(sixty);
    }

    @Test
    void aLongPathKeepsItsStartAndItsFileName() {
        String path = "/var/folders/7x/abcdefghijklmnopqrstuvwxyz0123456789/T/junit-12345678901234/fixtures"
                + "/existing-folder.mp4";

        String shown = Violation.shorten(path);

        assertThat(shown)
                .isEqualTo("/var/folders/7x/abcdefghijklmnopqrstuvw…/existing-folder.mp4")
                .hasSize(60);
    }

    @Test
    void aLongFileNameKeepsItsEnd() {
        String url = "https://images.example.com/" + "a".repeat(2100) + ".png";

        String shown = Violation.shorten(url);

        assertThat(shown)
                .startsWith("https://images.example.com/aa")
                .endsWith("aaa.png")
                .contains("…");
        assertThat(length(shown)).isEqualTo(60);
    }

    @Test
    void textWithoutSeparatorsKeepsBothEnds() {
        String prompt = "A horse gallops along a beach at sunset, " + "then slowly ".repeat(20) + "it stops.";

        String shown = Violation.shorten(prompt);

        assertThat(shown).startsWith("A horse gallops along a beach").endsWith("then slowly it stops.");
        assertThat(length(shown)).isEqualTo(60);
    }

    @Test
    void charactersOutsideTheBasicPlaneAreNeverCutInHalf() {
        String horses = "\ud83d\udc0e".repeat(100);

        String shown = Violation.shorten(horses);

        assertThat(length(shown)).isEqualTo(60);
        assertThat(shown.replace("…", "")).isEqualTo("\ud83d\udc0e".repeat(59));
    }

    @Test
    void aViolationShowsItsValueShortened() {
        Violation v = new Violation("output", "/tmp/" + "x".repeat(100) + "/clip.mp4", "a file path");

        assertThat(v.value()).endsWith("…/clip.mp4").startsWith("/tmp/xxx");
        assertThat(v.message()).contains("…/clip.mp4 is not allowed; allowed: a file path");
    }
}

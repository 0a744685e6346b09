package io.jenkins.plugins.happyhorse.client.spec;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a host accepts as a reference image: the largest file, the formats, and the shortest side
 * of the picture. Checked against an image's {@link ImageFacts}, never against the file again.
 *
 * @param maxBytes the largest file in bytes
 * @param formats the formats accepted
 * @param minShortSide the shortest side of the picture in pixels, 0 for any
 */
public record ImageLimits(long maxBytes, Set<ImageFormat> formats, int minShortSide) {
    private static final long MB = 1024L * 1024;

    /**
     * WaveSpeed's and Atlas Cloud's: png, jpeg or webp of at most 20 MB, any picture size. No host
     * accepts more, so a draft is parsed against these; a host with narrower limits says so.
     */
    public static final ImageLimits STANDARD = new ImageLimits(20 * MB, EnumSet.allOf(ImageFormat.class), 0);

    public ImageLimits {
        if (maxBytes < 1 || minShortSide < 0 || formats.isEmpty()) {
            throw new IllegalArgumentException("Image limits need a positive size and at least one format");
        }
        formats = Set.copyOf(formats);
    }

    /** What these limits allow, for a violation, e.g. {@code a readable png, jpeg or webp file of at most 20 MB, or an https URL}. */
    public String allowed() {
        return "a readable " + formatNames() + " file of at most " + size(maxBytes)
                + (minShortSide > 0 ? " and at least " + minShortSide + " px on its short side" : "")
                + ", or an https URL";
    }

    /** Why a file of {@code bytes} is too large, or empty when it is not. */
    public Optional<String> sizeProblem(long bytes) {
        if (bytes <= maxBytes) {
            return Optional.empty();
        }
        return Optional.of(
                String.format(Locale.ROOT, "the file has %.1f MB, over %s", bytes / (double) MB, size(maxBytes)));
    }

    /** Why an image with these facts is refused, or empty when it is accepted. */
    public Optional<String> problem(ImageFacts facts) {
        Optional<String> size = sizeProblem(facts.bytes());
        if (size.isPresent()) {
            return size;
        }
        if (!formats.contains(facts.format())) {
            return Optional.of(
                    "it is a " + facts.format().extension() + " image; only " + formatNames() + " are accepted");
        }
        if (facts.shortSide() < minShortSide) {
            return Optional.of("the picture is " + facts.width() + "x" + facts.height() + ", its short side under "
                    + minShortSide + " px");
        }
        return Optional.empty();
    }

    /** A violation of {@code field} (showing {@code shown}) when the image is refused. */
    public Optional<Violation> check(String field, String shown, ImageFacts facts) {
        return problem(facts).map(reason -> new Violation(field, shown, allowed(), reason));
    }

    private String formatNames() {
        String names = EnumSet.copyOf(formats).stream()
                .map(f -> f.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        int last = names.lastIndexOf(", ");
        return last < 0 ? names : names.substring(0, last) + " or " + names.substring(last + 2);
    }

    private static String size(long bytes) {
        return bytes % MB == 0 ? bytes / MB + " MB" : String.format(Locale.ROOT, "%.1f MB", bytes / (double) MB);
    }
}

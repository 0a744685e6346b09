package io.jenkins.plugins.happyhorse.client.request;

import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.ImageFacts;
import io.jenkins.plugins.happyhorse.client.spec.ImageInspector;
import io.jenkins.plugins.happyhorse.client.spec.ImageLimits;
import io.jenkins.plugins.happyhorse.client.spec.ImageSource;
import io.jenkins.plugins.happyhorse.client.spec.ImageSource.LocalImage;
import io.jenkins.plugins.happyhorse.client.spec.ImageSource.RemoteImage;
import io.jenkins.plugins.happyhorse.client.spec.UnreadableImageException;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns one typed image reference into an {@link ImageSource}, or a violation: an https URL is
 * checked as text; a local file is checked on disk and then read once by {@link ImageInspector},
 * whose facts travel on in the spec. Files are held to {@link ImageLimits#STANDARD}, the widest
 * any host accepts; a host's own limits are its provider's to check.
 */
final class ImageChecks {
    static final String FILE_ALLOWED = ImageLimits.STANDARD.allowed();
    private static final String URL_ALLOWED = "an https URL of at most 2,048 characters, or a local file";
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");
    private static final Pattern URL_LIKE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);

    private ImageChecks() {}

    /** The image {@code raw} names, or empty with a violation of {@code field} added to {@code out}. */
    static Optional<ImageSource> check(String field, String raw, List<Violation> out) {
        if (raw == null || raw.isBlank()) {
            out.add(new Violation(field, raw, FILE_ALLOWED, "no image given"));
            return Optional.empty();
        }
        return looksLikeUrl(raw) ? url(field, raw.strip(), out) : file(field, raw, out);
    }

    /**
     * An image read elsewhere, or empty with a violation of {@code field} added to {@code out}:
     * its facts are checked against the limits; the file is not read again.
     */
    static Optional<ImageSource> check(String field, LocalImage image, List<Violation> out) {
        Optional<Violation> refused =
                ImageLimits.STANDARD.check(field, image.path().toString(), image.facts());
        refused.ifPresent(out::add);
        return refused.isPresent() ? Optional.empty() : Optional.of(image);
    }

    /**
     * Whether a typed image reference is a URL (has a scheme of two or more letters) rather than
     * a path; {@code C:\x.png} is a Windows path, {@code ftp://x} a URL to refuse.
     */
    static boolean looksLikeUrl(String raw) {
        return URL_LIKE.matcher(raw.strip()).matches();
    }

    /**
     * The URL as it may be shown: a password in its user-info part ({@code https://me:pw@host/})
     * must not reach a build log through an error message.
     */
    static String withoutUserInfo(String raw) {
        return USER_INFO.matcher(raw).replaceFirst("$1***@");
    }

    private static Optional<ImageSource> url(String field, String raw, List<Violation> out) {
        String shown = withoutUserInfo(raw);
        if (raw.length() > ClipSpec.MAX_URL_LENGTH) {
            return refuse(out, new Violation(field, shown, URL_ALLOWED, "the URL has " + raw.length() + " characters"));
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            return refuse(out, new Violation(field, shown, URL_ALLOWED, "not a valid URL"));
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https")) {
            return refuse(
                    out,
                    new Violation(
                            field,
                            shown,
                            URL_ALLOWED,
                            "only https URLs are accepted; " + scheme + " URLs are refused because the host must"
                                    + " fetch the image over a secure public connection"));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return refuse(out, new Violation(field, shown, URL_ALLOWED, "the URL has no host"));
        }
        if (uri.getRawUserInfo() != null) {
            return refuse(out, new Violation(field, shown, URL_ALLOWED, "the URL carries a user name or password"));
        }
        return Optional.of(new RemoteImage(uri));
    }

    private static Optional<ImageSource> file(String field, String raw, List<Violation> out) {
        Path path;
        try {
            path = Path.of(raw);
        } catch (InvalidPathException e) {
            return refuse(out, new Violation(field, raw, FILE_ALLOWED, "not a valid file path"));
        }
        Optional<String> problem = fileProblem(path);
        if (problem.isPresent()) {
            return refuse(out, new Violation(field, raw, FILE_ALLOWED, problem.get()));
        }
        try {
            ImageFacts facts = ImageInspector.inspect(path);
            return Optional.of(new LocalImage(path.toAbsolutePath(), facts));
        } catch (UnreadableImageException e) {
            return refuse(out, new Violation(field, raw, FILE_ALLOWED, e.reason()));
        } catch (IOException | RuntimeException e) {
            return refuse(out, new Violation(field, raw, FILE_ALLOWED, "the file cannot be read"));
        }
    }

    /** What is wrong with the file before its bytes are read, if anything. */
    private static Optional<String> fileProblem(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return Optional.of("file not found");
        }
        if (attributes.isDirectory()) {
            return Optional.of("it is a directory");
        }
        if (!attributes.isRegularFile()) {
            return Optional.of("it is not a regular file");
        }
        if (!Files.isReadable(path)) {
            return Optional.of("the file is not readable");
        }
        if (attributes.size() == 0) {
            return Optional.of("the file is empty");
        }
        // A file over the limit is never read: hashing gigabytes to refuse them would waste minutes.
        return ImageLimits.STANDARD.sizeProblem(attributes.size());
    }

    private static Optional<ImageSource> refuse(List<Violation> out, Violation violation) {
        out.add(violation);
        return Optional.empty();
    }
}

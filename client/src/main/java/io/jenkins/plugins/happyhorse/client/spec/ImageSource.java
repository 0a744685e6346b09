package io.jenkins.plugins.happyhorse.client.spec;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/** One reference image: a local file the engine uploads, or an https URL passed to the host as is. */
public sealed interface ImageSource permits ImageSource.LocalImage, ImageSource.RemoteImage {

    /**
     * A local png, jpeg or webp file, with the facts read from it when the draft was parsed; the
     * engine uploads {@code facts.bytes()} bytes of it as {@code facts.format()}.
     *
     * @param path the file, absolute
     * @param facts what was read from it
     */
    record LocalImage(Path path, ImageFacts facts) implements ImageSource {
        public LocalImage {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(facts, "facts");
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** An https URL the host fetches itself. */
    record RemoteImage(URI uri) implements ImageSource {
        public RemoteImage {
            Objects.requireNonNull(uri, "uri");
        }

        @Override
        public String toString() {
            return uri.toString();
        }
    }
}

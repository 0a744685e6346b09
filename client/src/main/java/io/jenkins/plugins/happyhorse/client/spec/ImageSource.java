package io.jenkins.plugins.happyhorse.client.spec;

import java.net.URI;
import java.nio.file.Path;

/** One reference image: a local file the engine uploads, or an https URL passed to the host as is. */
public sealed interface ImageSource permits ImageSource.LocalImage, ImageSource.RemoteImage {

    /** A local png, jpeg or webp file; the engine uploads it to the host's media storage. */
    record LocalImage(Path path) implements ImageSource {
        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** An https URL the host fetches itself. */
    record RemoteImage(URI uri) implements ImageSource {
        @Override
        public String toString() {
            return uri.toString();
        }
    }
}

package io.jenkins.plugins.happyhorse.client.provider;

import io.jenkins.plugins.happyhorse.client.spec.ImageSource.LocalImage;
import java.nio.file.Path;

/** The file name a host is told for an uploaded image: the local name, made safe for any host. */
final class UploadNames {
    private static final int MAX_LENGTH = 100;

    private UploadNames() {}

    /** The local file's name with anything but letters, digits, {@code . _ -} replaced; a plain name when that leaves nothing usable. */
    static String of(LocalImage image) {
        Path name = image.path().getFileName();
        String n = name == null ? "image" : name.toString().replaceAll("[^A-Za-z0-9._-]", "_");
        if (n.isEmpty() || n.length() > MAX_LENGTH) {
            n = "image." + image.facts().format().extension();
        }
        return n;
    }
}

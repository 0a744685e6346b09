package io.jenkins.plugins.happyhorse.client.spec;

/**
 * The bytes are not a png, jpeg or webp image, or they are one that is truncated or corrupt. The
 * message is the reason, worded to follow "is not allowed" in a {@link Violation}.
 */
public final class UnreadableImageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnreadableImageException(String reason) {
        super(reason);
    }

    /** Why the image was refused, e.g. {@code the png image is truncated (it ends before its IEND chunk)}. */
    public String reason() {
        return getMessage();
    }
}

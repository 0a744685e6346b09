package io.jenkins.plugins.happyhorse.client.error;

/**
 * A local file or the caller's checkpoint store could not be read or written: an image, the
 * clip's temporary file, the output path, or the checkpoint before the submit. The message names
 * the path or the store and says whether anything was submitted; fix the storage, then render or
 * resume again.
 */
public final class StorageException extends RenderException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}

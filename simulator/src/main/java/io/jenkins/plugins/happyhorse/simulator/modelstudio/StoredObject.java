package io.jenkins.plugins.happyhorse.simulator.modelstudio;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A file in temporary storage, usable as {@code oss://key} on a submit.
 *
 * @param key the object key ({@code upload_dir/filename})
 * @param model the model it is bound to (the one named when its policy was asked for)
 * @param file where its bytes are
 * @param size its size in bytes
 * @param uploadedAt the simulated instant it was stored; it lives 48 hours from there
 */
record StoredObject(String key, String model, Path file, long size, Instant uploadedAt) {}

package io.jenkins.plugins.happyhorse.client.http;

import java.net.URI;
import java.nio.file.Path;

/**
 * A body streamed to a file, or the reply that came instead of one.
 *
 * @param status HTTP status of the last hop
 * @param file where the body was written (complete only when {@code status} is 2xx)
 * @param bytes bytes written
 * @param contentLength the announced length, or -1
 * @param location the {@code Location} of a redirect, or null
 * @param url the URL this reply came from
 * @param errorBody a small body of a non-2xx reply, for messages
 */
public record DownloadResult(
        int status, Path file, long bytes, long contentLength, String location, URI url, String errorBody) {}

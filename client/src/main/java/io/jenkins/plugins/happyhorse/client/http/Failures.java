package io.jenkins.plugins.happyhorse.client.http;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

/** What a failed exchange means: the failure behind a future's wrappers, and whether anything was sent. */
public final class Failures {
    private Failures() {}

    /** The failure behind a future's wrapper exceptions. */
    public static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** Whether the request never reached the host (no connection was made), so nothing was received. */
    public static boolean isNotConnected(Throwable error) {
        Throwable e = unwrap(error);
        return e instanceof ConnectException
                || e instanceof ConnectTimeoutException
                || e instanceof UnknownHostException
                || e instanceof ConnectionRequestTimeoutException;
    }

    /** A short description of a connection-level failure for messages. */
    public static String describe(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof SocketTimeoutException || e instanceof TimeoutException) {
            return "no reply in time";
        }
        if (e instanceof CancellationException) {
            return "the exchange was aborted";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}

package io.jenkins.plugins.happyhorse.client.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

/** Collects a small API reply in memory, keeping at most {@link HttpReply#MAX_BODY} bytes. */
final class ReplyConsumer extends AbstractBinResponseConsumer<HttpReply> {
    private final int maxBody;
    private int status;
    private Map<String, String> headers = Map.of();
    private ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean truncated;

    ReplyConsumer(int maxBody) {
        this.maxBody = maxBody;
    }

    static Map<String, String> headersOf(HttpResponse response) {
        Map<String, String> out = new HashMap<>();
        for (Header h : response.getHeaders()) {
            out.putIfAbsent(h.getName().toLowerCase(Locale.ROOT), h.getValue());
        }
        return out;
    }

    @Override
    protected void start(HttpResponse response, ContentType contentType) {
        status = response.getCode();
        headers = headersOf(response);
    }

    @Override
    protected int capacityIncrement() {
        return 64 * 1024;
    }

    @Override
    protected void data(ByteBuffer src, boolean endOfStream) {
        int room = maxBody - body.size();
        int n = src.remaining();
        if (n > room) {
            truncated = true;
            n = Math.max(0, room);
        }
        byte[] chunk = new byte[n];
        src.get(chunk);
        body.write(chunk, 0, n);
        src.position(src.limit());
    }

    @Override
    protected HttpReply buildResult() {
        return new HttpReply(status, headers, body.toByteArray(), truncated);
    }

    @Override
    public void releaseResources() {
        body = new ByteArrayOutputStream(0);
    }
}

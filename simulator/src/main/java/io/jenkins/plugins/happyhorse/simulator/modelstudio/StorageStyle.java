package io.jenkins.plugins.happyhorse.simulator.modelstudio;

import io.jenkins.plugins.happyhorse.simulator.http.Call;
import io.jenkins.plugins.happyhorse.simulator.http.HostStyle;
import io.jenkins.plugins.happyhorse.simulator.http.Reply;
import io.jenkins.plugins.happyhorse.simulator.http.ReplyBody;
import java.nio.charset.StandardCharsets;

/**
 * How the storage origin answers: as object storage does, an XML {@code Error} document with a
 * code such as {@code SignatureDoesNotMatch}, and an {@code x-oss-request-id} header on every
 * reply [3rd: object storage's documented PostObject errors].
 */
final class StorageStyle implements HostStyle {

    @Override
    public Reply error(int status, String message, Call call) {
        return error(status, codeFor(status), message, call);
    }

    /** An error reply with this status, storage error code and message. */
    static Reply error(int status, String code, String message, Call call) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>" + escape(code) + "</Code>\n"
                + "  <Message>" + escape(message) + "</Message>\n  <RequestId>" + call.requestId()
                + "</RequestId>\n  <HostId>" + TemporaryStorage.BUCKET + ".oss.simulated</HostId>\n</Error>\n";
        return Reply.of(status, "application/xml", ReplyBody.of(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void decorate(Reply reply, Call call) {
        reply.header("x-oss-request-id", call.requestId());
    }

    private static String codeFor(int status) {
        switch (status) {
            case 400:
                return "InvalidArgument";
            case 403:
                return "AccessDenied";
            case 404:
                return "NoSuchKey";
            case 503:
                return "ServiceUnavailable";
            default:
                return "InternalError";
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

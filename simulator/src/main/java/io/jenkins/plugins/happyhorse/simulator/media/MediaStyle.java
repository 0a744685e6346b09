package io.jenkins.plugins.happyhorse.simulator.media;

import io.jenkins.plugins.happyhorse.simulator.http.Call;
import io.jenkins.plugins.happyhorse.simulator.http.HostStyle;
import io.jenkins.plugins.happyhorse.simulator.http.Reply;
import io.jenkins.plugins.happyhorse.simulator.http.ReplyBody;
import java.nio.charset.StandardCharsets;

/** The media origin answers errors the way object storage does: a small XML document. */
final class MediaStyle implements HostStyle {

    @Override
    public Reply error(int status, String message, Call call) {
        String code = status == 403 ? "AccessDenied" : status == 404 ? "NoSuchKey" : "Error" + status;
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                + escape(message) + "</Message></Error>";
        return Reply.of(status, "application/xml", ReplyBody.of(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

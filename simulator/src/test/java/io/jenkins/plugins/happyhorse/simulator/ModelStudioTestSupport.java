package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulator on a manual clock with Model Studio helpers: submission bodies as the host's
 * documentation shows them, the asynchronous header, and multipart forms for the storage origin
 * with fields in any order.
 */
abstract class ModelStudioTestSupport extends SimulatorTestSupport {
    static final String SUBMIT = "/services/aigc/video-generation/video-synthesis";
    static final String MODEL = "happyhorse-1.0-r2v";
    static final String OTHER_REGION_KEY = "sg-region-key-9d2e";

    @Override
    Simulator.Builder configure(Simulator.Builder builder) {
        return builder.modelStudioOtherRegionKey(OTHER_REGION_KEY);
    }

    URI ms(String path) {
        return URI.create(sim.modelStudioBaseUrl() + path);
    }

    /** {@code {model, input: {prompt, media: [reference_image...]}, parameters: {720P, 16:9, 5 s, seed 7}}}. */
    static ObjectNode msBody(String... imageUrls) {
        ObjectNode body = TestClient.JSON.createObjectNode().put("model", MODEL);
        ObjectNode input = body.putObject("input").put("prompt", "[Image 1] gallops along the beach");
        ArrayNode media = input.putArray("media");
        for (String url : imageUrls.length == 0 ? new String[] {"https://images.example.invalid/a.png"} : imageUrls) {
            media.addObject().put("type", "reference_image").put("url", url);
        }
        body.putObject("parameters")
                .put("resolution", "720P")
                .put("ratio", "16:9")
                .put("duration", 5)
                .put("seed", 7);
        return body;
    }

    static ObjectNode parameters(ObjectNode body) {
        return (ObjectNode) body.get("parameters");
    }

    HttpRequest.Builder asyncSubmit(Object body) throws IOException {
        return client.authed(ms(SUBMIT))
                .header("Content-Type", "application/json")
                .header("X-DashScope-Async", "enable")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestClient.JSON.writeValueAsBytes(body)));
    }

    HttpResponse<byte[]> postSubmit(Object body) throws IOException, InterruptedException {
        return client.send(asyncSubmit(body));
    }

    String submitModelStudio(Object body) throws IOException, InterruptedException {
        HttpResponse<byte[]> reply = postSubmit(body);
        assertThat(reply.statusCode())
                .as(new String(reply.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return TestClient.json(reply).path("output").path("task_id").asText();
    }

    JsonNode task(String id) throws IOException, InterruptedException {
        HttpResponse<byte[]> reply = client.get(ms("/tasks/" + id));
        assertThat(reply.statusCode())
                .as(new String(reply.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return TestClient.json(reply);
    }

    JsonNode policy(String model) throws IOException, InterruptedException {
        HttpResponse<byte[]> reply = client.get(ms("/uploads?action=getPolicy&model=" + model));
        assertThat(reply.statusCode())
                .as(new String(reply.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return TestClient.json(reply).path("data");
    }

    /** The form the official client posts, in its order, with {@code file} last [client]. */
    static Form form(JsonNode policy, String filename, byte[] content) {
        return new Form()
                .field("OSSAccessKeyId", policy.path("oss_access_key_id").asText())
                .field("Signature", policy.path("signature").asText())
                .field("policy", policy.path("policy").asText())
                .field("key", policy.path("upload_dir").asText() + "/" + filename)
                .field("x-oss-object-acl", policy.path("x_oss_object_acl").asText())
                .field(
                        "x-oss-forbid-overwrite",
                        policy.path("x_oss_forbid_overwrite").asText())
                .field("success_action_status", "200")
                .field("x-oss-content-type", "image/png")
                .file(filename, "image/png", content);
    }

    HttpResponse<byte[]> postForm(URI host, Form form) throws IOException, InterruptedException {
        return client.send(form.request(host));
    }

    /** Gets a policy for {@code model}, posts {@code content} and returns its {@code oss://} URL. */
    String upload(String model, String filename, byte[] content) throws IOException, InterruptedException {
        JsonNode policy = policy(model);
        HttpResponse<byte[]> reply =
                postForm(URI.create(policy.path("upload_host").asText()), form(policy, filename, content));
        assertThat(reply.statusCode())
                .as(new String(reply.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return "oss://" + policy.path("upload_dir").asText() + "/" + filename;
    }

    /** A multipart form whose parts keep the order they were added in. */
    static final class Form {
        private static final String BOUNDARY = "----hhFormBoundary4f7a";
        private final List<byte[]> parts = new ArrayList<>();
        private final List<String> headers = new ArrayList<>();

        Form field(String name, String value) {
            parts.add(("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value)
                    .getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Form file(String filename, String contentType, byte[] content) {
            ByteArrayOutputStream part = new ByteArrayOutputStream();
            part.writeBytes(("Content-Disposition: form-data; name=\"file\"; filename=\"" + filename
                            + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            part.writeBytes(content);
            parts.add(part.toByteArray());
            return this;
        }

        /** Replaces the value of field {@code name}, keeping its place in the form. */
        Form set(String name, String value) {
            for (int i = 0; i < parts.size(); i++) {
                if (isNamed(parts.get(i), name)) {
                    parts.set(
                            i,
                            ("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value)
                                    .getBytes(StandardCharsets.UTF_8));
                }
            }
            return this;
        }

        private static boolean isNamed(byte[] part, String name) {
            return new String(part, 0, Math.min(part.length, 200), StandardCharsets.ISO_8859_1)
                    .startsWith("Content-Disposition: form-data; name=\"" + name + "\"");
        }

        Form without(String name) {
            parts.removeIf(part -> isNamed(part, name));
            return this;
        }

        Form header(String name, String value) {
            headers.add(name);
            headers.add(value);
            return this;
        }

        HttpRequest.Builder request(URI host) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                body.writeBytes(("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.UTF_8));
                body.writeBytes(part);
                body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpRequest.Builder request = HttpRequest.newBuilder(host)
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
            for (int i = 0; i < headers.size(); i += 2) {
                request.header(headers.get(i), headers.get(i + 1));
            }
            return request;
        }
    }
}

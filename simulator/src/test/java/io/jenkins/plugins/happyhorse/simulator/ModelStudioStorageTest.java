package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelStudioStorageTest extends ModelStudioTestSupport {
    private static final byte[] PNG = "\u0089PNG temporary storage bytes".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void aPolicyPointsAtTheStorageOriginAndAFolderOfItsOwn() throws Exception {
        JsonNode first = policy(MODEL);
        JsonNode second = policy(MODEL);

        assertThat(first.path("upload_host").asText())
                .isEqualTo(sim.storageBaseUrl().toString());
        assertThat(first.path("upload_dir").asText()).startsWith("dashscope-instant/");
        assertThat(first.path("upload_dir").asText())
                .isNotEqualTo(second.path("upload_dir").asText());
        assertThat(first.path("oss_access_key_id").asText()).isNotBlank();
        assertThat(first.path("signature").asText()).isNotBlank();
        assertThat(first.path("x_oss_object_acl").asText()).isEqualTo("private");
        assertThat(first.path("x_oss_forbid_overwrite").asText()).isEqualTo("true");
        assertThat(first.path("expire_in_seconds").asInt()).isEqualTo(300);
        assertThat(first.path("max_file_size_mb").asInt()).isEqualTo(20);
        String document =
                new String(Base64.getDecoder().decode(first.path("policy").asText()), StandardCharsets.UTF_8);
        assertThat(document)
                .contains("\"expiration\"")
                .contains(first.path("upload_dir").asText());
        assertThat(document).doesNotContain(KEY);
        assertThat(first.toString()).doesNotContain(KEY);
    }

    @Test
    void getPolicyNeedsTheKeyTheActionAndAModelOfThisHost() throws Exception {
        HttpResponse<byte[]> noKey =
                client.send(HttpRequest.newBuilder(ms("/uploads?action=getPolicy&model=" + MODEL)));
        HttpResponse<byte[]> noAction = client.get(ms("/uploads?model=" + MODEL));
        HttpResponse<byte[]> noModel = client.get(ms("/uploads?action=getPolicy"));
        HttpResponse<byte[]> otherModel = client.get(ms("/uploads?action=getPolicy&model=qwen-vl-plus"));

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(TestClient.json(noAction).path("message").asText()).startsWith("action:");
        assertThat(TestClient.json(noModel).path("message").asText()).startsWith("model:");
        assertThat(TestClient.json(otherModel).path("message").asText()).isEqualTo("Model not exist.");
        for (HttpResponse<byte[]> reply : List.of(noAction, noModel, otherModel)) {
            assertThat(reply.statusCode()).isEqualTo(400);
            assertThat(TestClient.json(reply).path("code").asText()).isEqualTo("InvalidParameter");
        }
    }

    @Test
    void anUploadedFileIsUsableAsOssUrlWithTheResolveHeader() throws Exception {
        String oss = upload(MODEL, "ref.png", PNG);

        HttpResponse<byte[]> reply =
                client.send(asyncSubmit(msBody(oss)).header("X-DashScope-OssResourceResolve", "enable"));

        assertThat(reply.statusCode())
                .as(new String(reply.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        String id = TestClient.json(reply).path("output").path("task_id").asText();
        assertThat(sim.job(id).orElseThrow().parameters().images()).containsExactly(oss);
        assertThat(sim.stats().storageUploads()).isEqualTo(1);
        assertThat(sim.stats().storageAuthorizations()).isEmpty();
        assertThat(sim.stats().requests(io.jenkins.plugins.happyhorse.simulator.fault.Route.MS_STORAGE))
                .isEqualTo(1);
    }

    @Test
    void anOssUrlWithoutTheResolveHeaderIsRefusedBeforeAnyCharge() throws Exception {
        String oss = upload(MODEL, "ref.png", PNG);

        HttpResponse<byte[]> reply = postSubmit(msBody(oss));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(TestClient.json(reply).path("code").asText()).isEqualTo("InvalidParameter");
        assertThat(TestClient.json(reply).path("message").asText())
                .startsWith("input.media[0].url:")
                .contains("X-DashScope-OssResourceResolve: enable");
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void aFileIsBoundToItsModelAndUnknownKeysAreRefused() throws Exception {
        String forNewer = upload("happyhorse-1.1-r2v", "ref.png", PNG);
        String invented = "oss://dashscope-instant/nobody/2026-01-01/x/ref.png";

        HttpResponse<byte[]> reply =
                client.send(asyncSubmit(msBody(forNewer, invented)).header("X-DashScope-OssResourceResolve", "enable"));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(TestClient.json(reply).path("message").asText())
                .contains("input.media[0].url: " + forNewer + " was uploaded for model happyhorse-1.1-r2v")
                .contains("input.media[1].url: no temporary file " + invented);
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void aFileLivesFortyEightSimulatedHours() throws Exception {
        String oss = upload(MODEL, "ref.png", PNG);

        advance(Duration.ofHours(48).minusSeconds(1));
        HttpResponse<byte[]> lastSecond =
                client.send(asyncSubmit(msBody(oss)).header("X-DashScope-OssResourceResolve", "enable"));
        advance(Duration.ofSeconds(1));
        HttpResponse<byte[]> expired =
                client.send(asyncSubmit(msBody(oss)).header("X-DashScope-OssResourceResolve", "enable"));

        assertThat(lastSecond.statusCode()).isEqualTo(200);
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(TestClient.json(expired).path("message").asText()).contains("has expired");
    }

    @Test
    void theStorageOriginRefusesAWrongSignatureOrAccessKeyAsObjectStorageDoes() throws Exception {
        JsonNode policy = policy(MODEL);
        URI host = URI.create(policy.path("upload_host").asText());

        HttpResponse<byte[]> badSignature =
                postForm(host, form(policy, "a.png", PNG).set("Signature", "AAAA"));
        HttpResponse<byte[]> badKeyId =
                postForm(host, form(policy, "a.png", PNG).set("OSSAccessKeyId", "LTAIother"));
        HttpResponse<byte[]> anonymous = postForm(
                host,
                form(policy, "a.png", PNG)
                        .without("OSSAccessKeyId")
                        .without("Signature")
                        .without("policy"));

        assertThat(badSignature.statusCode()).isEqualTo(403);
        assertThat(xml(badSignature)).contains("<Code>SignatureDoesNotMatch</Code>");
        assertThat(badKeyId.statusCode()).isEqualTo(403);
        assertThat(xml(badKeyId)).contains("<Code>InvalidAccessKeyId</Code>");
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(xml(anonymous)).contains("<Code>AccessDenied</Code>");
        assertThat(badSignature.headers().firstValue("Content-Type")).hasValue("application/xml");
        assertThat(badSignature.headers().firstValue("x-oss-request-id")).isPresent();
        assertThat(sim.stats().storageUploads()).isZero();
    }

    @Test
    void anExpiredPolicyOrAKeyOutsideTheFolderIsRefused() throws Exception {
        JsonNode policy = policy(MODEL);
        URI host = URI.create(policy.path("upload_host").asText());

        HttpResponse<byte[]> outside = postForm(host, form(policy, "a.png", PNG).set("key", "elsewhere/a.png"));
        advance(Duration.ofSeconds(300));
        HttpResponse<byte[]> late = postForm(host, form(policy, "a.png", PNG));

        assertThat(outside.statusCode()).isEqualTo(403);
        assertThat(xml(outside)).contains("Policy Condition failed").contains("starts-with");
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(xml(late)).contains("Policy expired");
    }

    @Test
    void missingFieldsAFileBeforeOtherFieldsAndAnOversizedFileAreRefused() throws Exception {
        JsonNode policy = policy(MODEL);
        URI host = URI.create(policy.path("upload_host").asText());

        HttpResponse<byte[]> noKey = postForm(host, form(policy, "a.png", PNG).without("key"));
        HttpResponse<byte[]> notLast = postForm(host, form(policy, "b.png", PNG).field("x-oss-meta-note", "late"));
        HttpResponse<byte[]> noFile = postForm(host, form(policy, "c.png", PNG).without("file"));
        HttpResponse<byte[]> huge = postForm(host, form(policy, "d.png", new byte[20 * 1024 * 1024 + 1]));

        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(xml(noKey)).contains("<Code>InvalidArgument</Code>").contains("key");
        assertThat(notLast.statusCode()).isEqualTo(400);
        assertThat(xml(notLast)).contains("must be the last field");
        assertThat(noFile.statusCode()).isEqualTo(400);
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(xml(huge)).contains("<Code>EntityTooLarge</Code>");
        assertThat(sim.stats().storageUploads()).isZero();
        HttpResponse<byte[]> refused = client.send(
                asyncSubmit(msBody("oss://" + policy.path("upload_dir").asText() + "/b.png"))
                        .header("X-DashScope-OssResourceResolve", "enable"));
        assertThat(refused.statusCode())
                .as("a refused upload leaves nothing behind")
                .isEqualTo(400);
    }

    @Test
    void aStoredKeyCannotBeOverwritten() throws Exception {
        JsonNode policy = policy(MODEL);
        URI host = URI.create(policy.path("upload_host").asText());

        HttpResponse<byte[]> first = postForm(host, form(policy, "a.png", PNG));
        HttpResponse<byte[]> again = postForm(host, form(policy, "a.png", PNG));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(xml(again)).contains("<Code>FileAlreadyExists</Code>");
    }

    @Test
    void theSuccessStatusIsTheOneAskedFor() throws Exception {
        JsonNode policy = policy(MODEL);
        URI host = URI.create(policy.path("upload_host").asText());

        HttpResponse<byte[]> asked200 = postForm(host, form(policy, "a.png", PNG));
        HttpResponse<byte[]> asked201 =
                postForm(host, form(policy, "b.png", PNG).set("success_action_status", "201"));
        HttpResponse<byte[]> unasked = postForm(host, form(policy, "c.png", PNG).without("success_action_status"));

        assertThat(asked200.statusCode()).isEqualTo(200);
        assertThat(asked200.body()).isEmpty();
        assertThat(asked200.headers().firstValue("ETag")).isPresent();
        assertThat(asked201.statusCode()).isEqualTo(201);
        assertThat(xml(asked201)).contains("<Key>" + policy.path("upload_dir").asText() + "/b.png</Key>");
        assertThat(unasked.statusCode()).isEqualTo(204);
        assertThat(sim.stats().storageUploads()).isEqualTo(3);
    }

    @Test
    void anAuthorizationHeaderReachingTheStorageOriginIsRecordedWithoutItsValueAndRefused() throws Exception {
        JsonNode policy = policy(MODEL);
        URI host = URI.create(policy.path("upload_host").asText());

        HttpResponse<byte[]> leaked =
                postForm(host, form(policy, "a.png", PNG).header("Authorization", "Bearer " + KEY));
        HttpResponse<byte[]> read = client.send(HttpRequest.newBuilder(
                URI.create(host + "/" + policy.path("upload_dir").asText() + "/a.png")));

        assertThat(leaked.statusCode()).isEqualTo(400);
        List<MediaAuthorization> seen = sim.stats().storageAuthorizations();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).carriesApiKey()).isTrue();
        assertThat(seen.get(0).scheme()).isEqualTo("Bearer");
        assertThat(seen.get(0).method()).isEqualTo("POST");
        assertThat(seen.toString()).doesNotContain(KEY);
        assertThat(sim.stats().mediaAuthorizations())
                .as("kept apart from the media origin's")
                .isEmpty();
        assertThat(read.statusCode()).as("stored files cannot be read back").isEqualTo(403);
        HttpResponse<byte[]> stats = client.send(HttpRequest.newBuilder(sim.statsUrl()));
        JsonNode reported = TestClient.json(stats).path("storageAuthorizations");
        assertThat(reported).as("reported to tests in another process").hasSize(1);
        assertThat(reported.get(0).path("carriesApiKey").asBoolean()).isTrue();
        assertThat(reported.get(0).path("method").asText()).isEqualTo("POST");
        assertThat(new String(stats.body(), StandardCharsets.UTF_8)).doesNotContain(KEY);
    }

    private static String xml(HttpResponse<byte[]> reply) {
        return new String(reply.body(), StandardCharsets.UTF_8);
    }
}

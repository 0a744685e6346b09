package io.jenkins.plugins.happyhorse.client.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ModelStudioRegionTest {

    @Test
    void regionsAreChosenByName() {
        assertThat(ModelStudioRegion.parse("singapore")).contains(ModelStudioRegion.SINGAPORE);
        assertThat(ModelStudioRegion.parse(" Beijing ")).contains(ModelStudioRegion.BEIJING);
        assertThat(ModelStudioRegion.parse("intl")).contains(ModelStudioRegion.SINGAPORE);
        assertThat(ModelStudioRegion.SINGAPORE.baseUrl()).hasToString("https://dashscope-intl.aliyuncs.com/api/v1");
        assertThat(ModelStudioRegion.BEIJING.baseUrl()).hasToString("https://dashscope.aliyuncs.com/api/v1");
    }

    @Test
    void aRegionsOwnBaseUrlIsThatRegion() {
        assertThat(ModelStudioRegion.parse("https://dashscope.aliyuncs.com/api/v1/"))
                .get()
                .extracting(ModelStudioRegion::name)
                .isEqualTo("beijing");
        assertThat(ModelStudioRegion.of(URI.create("https://dashscope-intl.aliyuncs.com/api/v1"))
                        .describe())
                .isEqualTo("https://dashscope-intl.aliyuncs.com/api/v1 (Singapore)");
    }

    @Test
    void workspaceDomainsNameTheirRegionAndGetTheApiPath() {
        ModelStudioRegion ws = ModelStudioRegion.parse("https://ws-1a2b3c.eu-central-1.maas.aliyuncs.com")
                .orElseThrow();
        assertThat(ws.name()).isEqualTo("eu-central-1");
        assertThat(ws.baseUrl()).hasToString("https://ws-1a2b3c.eu-central-1.maas.aliyuncs.com/api/v1");
        assertThat(ws.describe()).contains("workspace ws-1a2b3c in Frankfurt (eu-central-1)");
        assertThat(ModelStudioRegion.parse("https://ws9.cn-beijing.maas.aliyuncs.com/api/v1")
                        .orElseThrow()
                        .temporaryStorageDocumented())
                .isTrue();
        assertThat(ws.temporaryStorageDocumented()).isFalse();
        assertThat(ModelStudioRegion.SINGAPORE.temporaryStorageDocumented()).isFalse();
    }

    @Test
    void theLocalSimulatorIsALoopbackUrl() {
        ModelStudioRegion local =
                ModelStudioRegion.parse("http://127.0.0.1:8080/api/v1").orElseThrow();
        assertThat(local.name()).isEqualTo("local");
        assertThat(local.describe()).isEqualTo("http://127.0.0.1:8080/api/v1 (a local simulator)");
    }

    @Test
    void anythingElseIsRefused() {
        for (String text : new String[] {
            "",
            "mars",
            "http://dashscope.aliyuncs.com/api/v1",
            "ftp://x/api/v1",
            "https://user:pw@dashscope.aliyuncs.com/api/v1",
            "https://dashscope.aliyuncs.com/api/v1?key=x",
            "/api/v1"
        }) {
            assertThat(ModelStudioRegion.parse(text)).as(text).isEmpty();
        }
        assertThat(ModelStudioRegion.parse(null)).isEmpty();
        assertThat(ModelStudioRegion.ALLOWED)
                .contains("singapore")
                .contains("beijing")
                .contains("maas.aliyuncs.com");
    }

    @Test
    void anotherHttpsHostIsAcceptedAsACustomBaseUrl() {
        ModelStudioRegion proxy = ModelStudioRegion.parse("https://llm-proxy.corp.example/dashscope/api/v1")
                .orElseThrow();
        assertThat(proxy.name()).isEqualTo("custom");
        assertThat(proxy.describe()).contains("not recognised");
    }
}

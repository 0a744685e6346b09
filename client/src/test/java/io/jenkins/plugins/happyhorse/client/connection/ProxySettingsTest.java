package io.jenkins.plugins.happyhorse.client.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {
    @Test
    void systemPropertiesWinOverTheEnvironment() {
        Properties props = new Properties();
        props.setProperty("https.proxyHost", "proxy.corp");
        props.setProperty("https.proxyPort", "3128");
        props.setProperty("http.nonProxyHosts", "*.internal|build-host");
        ProxySettings p = ProxySettings.fromEnvironment(props, Map.of("HTTPS_PROXY", "http://other:1"));
        assertThat(p.host()).contains("proxy.corp");
        assertThat(p.port()).isEqualTo(3128);
        assertThat(p.bypasses("api.wavespeed.ai")).isFalse();
        assertThat(p.bypasses("svc.internal")).isTrue();
        assertThat(p.bypasses("build-host")).isTrue();
        assertThat(p.bypasses("127.0.0.1")).isTrue();
        assertThat(p.bypasses("localhost")).isTrue();
    }

    @Test
    void readsHttpsProxyWithCredentialsAndNoProxy() {
        ProxySettings p = ProxySettings.fromEnvironment(
                new Properties(),
                Map.of("https_proxy", "http://bob:s%40cret@proxy:8080", "NO_PROXY", ".example.com,intranet:8443"));
        assertThat(p.host()).contains("proxy");
        assertThat(p.port()).isEqualTo(8080);
        assertThat(p.username()).contains("bob");
        assertThat(p.password()).contains("s@cret");
        assertThat(p.toString()).doesNotContain("s@cret").contains("****");
        assertThat(p.bypasses("a.example.com")).isTrue();
        assertThat(p.bypasses("example.com")).isTrue();
        assertThat(p.bypasses("intranet")).isTrue();
        assertThat(p.bypasses("notexample.com")).isFalse();
        assertThat(p.bypasses("[::1]")).isTrue();
    }

    @Test
    void noSettingsMeansDirect() {
        ProxySettings p = ProxySettings.fromEnvironment(new Properties(), Map.of());
        assertThat(p.isEnabled()).isFalse();
        assertThat(p.bypasses("api.atlascloud.ai")).isTrue();
    }

    @Test
    void explicitSettingsFromTheCaller() {
        ProxySettings p = ProxySettings.of("jenkins-proxy", 3128)
                .withCredentials("u", "p")
                .withNonProxyHosts(List.of("*.corp"));
        assertThat(p.bypasses("x.corp")).isTrue();
        assertThat(p.bypasses("api.wavespeed.ai")).isFalse();
        assertThat(p.toString()).doesNotContain("=p").contains("jenkins-proxy:3128");
    }
}

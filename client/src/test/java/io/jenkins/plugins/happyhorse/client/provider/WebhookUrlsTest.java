package io.jenkins.plugins.happyhorse.client.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which callback URLs a host can be asked to call: public https, at most 1024 characters. */
class WebhookUrlsTest {

    @Test
    void publicHttpsUrlsAreFine() {
        for (String ok : new String[] {
            "https://ci.example.com/happyhorse-webhook",
            "https://ci.example.com:8443/happyhorse-webhook/?token=abc",
            "https://203.0.113.7/hook",
            "https://[2001:db8::1]/hook",
            "https://ci.example.com/" + "a".repeat(1000)
        }) {
            assertThat(WebhookUrls.check(URI.create(ok), false)).as(ok).isEmpty();
        }
    }

    @Test
    void urlsAHostedServiceCouldNeverCallAreRefusedNamingTheFieldTheValueAndWhatIsAllowed() {
        for (String bad : new String[] {
            "http://ci.example.com/hook",
            "https://127.0.0.1/hook",
            "https://localhost/hook",
            "https://10.0.0.8/hook",
            "https://172.16.4.4/hook",
            "https://192.168.0.2/hook",
            "https://169.254.169.254/latest",
            "https://100.64.1.1/hook",
            "https://0.0.0.0/hook",
            "https://[::1]/hook",
            "https://[fd00::1]/hook",
            "https://[fe80::1]/hook",
            "https://jenkins/hook",
            "https://build.local/hook",
            "https://ci.corp.internal/hook",
            "https://user:pw@ci.example.com/hook",
            "https://ci.example.com/hook#frag",
            "/relative/hook",
            "https://ci.example.com/" + "a".repeat(1010)
        }) {
            List<Violation> v = WebhookUrls.check(URI.create(bad), false);
            assertThat(v).as(bad).singleElement().satisfies(violation -> {
                assertThat(violation.field()).isEqualTo("webhook");
                assertThat(violation.allowed()).contains("public https URL of at most 1024 characters");
                assertThat(violation.reason()).isNotBlank();
                assertThat(violation.message()).doesNotContain("pw@");
            });
        }
    }

    @Test
    void aLoopbackReceiverIsAllowedOnlyWhileTheHostIsTheLocalSimulator() {
        for (String local :
                new String[] {"https://127.0.0.1:8443/hook", "http://127.0.0.1:8080/hook", "http://localhost/h"}) {
            assertThat(WebhookUrls.check(URI.create(local), true)).as(local).isEmpty();
            assertThat(WebhookUrls.check(URI.create(local), false)).as(local).hasSize(1);
        }
        assertThat(WebhookUrls.check(URI.create("http://ci.example.com/hook"), true))
                .hasSize(1);
    }
}

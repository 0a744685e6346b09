package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /tasks}: the account's task list, which the official SDK knows. */
class ModelStudioTaskListTest extends ModelStudioTestSupport {
    private static final DateTimeFormatter LIST_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.ofHours(8));

    @Test
    void aTaskWhoseSubmitReplyWasLostShowsUpNewestFirstWithItsModelAndTime() throws Exception {
        String older = submitModelStudio(msBody());
        advance(Duration.ofSeconds(10));
        sim.faults().next(Route.MS_SUBMIT, Fault.lostSubmitReply());
        assertThatThrownBy(() -> postSubmit(msBody().put("model", "happyhorse-1.1-r2v")))
                .isInstanceOf(IOException.class);

        JsonNode list = list("");
        JsonNode newer = list("?model_name=happyhorse-1.1-r2v");

        assertThat(list.path("total").asInt()).isEqualTo(2);
        assertThat(list.path("page_no").asInt()).isEqualTo(1);
        assertThat(list.path("page_size").asInt()).isEqualTo(10);
        assertThat(ids(list).get(1)).isEqualTo(older);
        JsonNode lost = newer.path("data").get(0);
        assertThat(newer.path("total").asInt()).isEqualTo(1);
        assertThat(lost.path("task_id").asText()).isEqualTo(ids(list).get(0));
        assertThat(lost.path("model_name").asText()).isEqualTo("happyhorse-1.1-r2v");
        assertThat(lost.path("status").asText()).isEqualTo("PENDING");
        assertThat(lost.path("request_id").asText()).isNotBlank();
        assertThat(lost.path("gmt_create").asLong())
                .isEqualTo(sim.simulatedNow().toEpochMilli());
        assertThat(sim.stats().submissions()).isEqualTo(2);
    }

    @Test
    void theListFiltersByTimeStatusAndPages() throws Exception {
        sim.faults().nextJob(Outcome.FAIL);
        String failed = submitModelStudio(msBody());
        advance(Duration.ofMinutes(10));
        List<String> later = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            later.add(submitModelStudio(msBody()));
        }
        String since = LIST_TIME.format(sim.simulatedNow().minusSeconds(60));
        advance(PROCESSING);

        JsonNode recent = list("?start_time=" + since);
        JsonNode failures = list("?status=FAILED");
        JsonNode page2 = list("?page_no=2&page_size=2");
        HttpResponse<byte[]> bad = client.get(ms("/tasks?start_time=yesterday"));

        assertThat(ids(recent)).containsExactlyInAnyOrderElementsOf(later);
        assertThat(ids(failures)).containsExactly(failed);
        assertThat(page2.path("total").asInt()).isEqualTo(4);
        assertThat(page2.path("total_page").asInt()).isEqualTo(2);
        assertThat(ids(page2)).hasSize(2).contains(failed);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(TestClient.json(bad).path("message").asText()).startsWith("start_time:");
        assertThat(recent.path("data").get(0).path("end_time").asLong()).isPositive();
    }

    @Test
    void tasksTheHostHasForgottenAreNotListed() throws Exception {
        submitModelStudio(msBody());
        advance(Duration.ofHours(24));
        String fresh = submitModelStudio(msBody());

        assertThat(ids(list(""))).containsExactly(fresh);
    }

    private JsonNode list(String query) throws Exception {
        HttpResponse<byte[]> reply = client.get(ms("/tasks" + query));
        assertThat(reply.statusCode()).isEqualTo(200);
        return TestClient.json(reply);
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("data").forEach(item -> ids.add(item.path("task_id").asText()));
        return ids;
    }
}

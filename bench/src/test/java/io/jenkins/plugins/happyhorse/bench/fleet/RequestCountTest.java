package io.jenkins.plugins.happyhorse.bench.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestCountTest {

    @Test
    void countsOnlyTheRequestsOfTheRunPerRender() {
        Map<Route, Long> before = new EnumMap<>(Route.class);
        before.put(Route.WS_RESULT, 10L);
        before.put(Route.WS_SUBMIT, 2L);
        Map<Route, Long> after = new EnumMap<>(Route.class);
        after.put(Route.WS_RESULT, 410L);
        after.put(Route.WS_SUBMIT, 12L);
        after.put(Route.MEDIA_GET, 10L);
        after.put(Route.AC_PREDICTION, 0L);

        RunFigures.Requests r = FleetDriver.requests(before, after, 10);

        assertThat(r.byRoute()).containsOnlyKeys("WS_RESULT", "WS_SUBMIT", "MEDIA_GET");
        assertThat(r.byRoute().get("WS_RESULT")).isEqualTo(40.0);
        assertThat(r.total()).isEqualTo(42.0);
        assertThat(r.status()).isEqualTo(40.0);
    }

    @Test
    void statusRoutesAreThePollsOfBothHosts() {
        assertThat(FleetDriver.isStatusRoute(Route.WS_RESULT)).isTrue();
        assertThat(FleetDriver.isStatusRoute(Route.WS_PREDICTION)).isTrue();
        assertThat(FleetDriver.isStatusRoute(Route.AC_PREDICTION)).isTrue();
        assertThat(FleetDriver.isStatusRoute(Route.MEDIA_GET)).isFalse();
        assertThat(FleetDriver.isStatusRoute(Route.AC_HISTORY)).isFalse();
    }
}

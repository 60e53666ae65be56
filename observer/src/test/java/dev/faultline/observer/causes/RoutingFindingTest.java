package dev.faultline.observer.causes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.LoadBalancer;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.observer.patterns.MetricsPoll;
import dev.faultline.observer.routing.ServerState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingFindingTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant END = T0.plusSeconds(5);
    static final TargetRef WEB_1 = new TargetRef("agent-1", "c1", "web-1");
    static final LoadBalancer ENVOY = new LoadBalancer(null, "web", Map.of("web-1", "10.0.0.11:80"), "envoy",
            "http://127.0.0.1:9901/clusters", null, null, null, null);

    static RecoveryTimeline timeline(int failed, Instant routedAway) {
        return new RecoveryTimeline("f0", WEB_1, "web", T0, null, null, null, null, 0L, 100.0 * (10 - failed) / 10,
                10, failed, 100, routedAway, null, null, null, 100L);
    }

    static MetricsPoll poll(long tenths, String ownFlags, long own, long other) {
        return new MetricsPoll(T0.plusMillis(100 * tenths), null, null, Map.of(
                "10.0.0.11:80", new ServerState("healthy".equals(ownFlags), ownFlags, own),
                "10.0.0.12:80", new ServerState(true, "healthy", other)));
    }

    @Test
    void afterFailuresItSaysWhenTrafficWasRoutedAwayAndHowItWasSharedThen() {
        List<MetricsPoll> polls = List.of(poll(0, "healthy", 10, 10), poll(3, "/failed_active_hc", 11, 12),
                poll(10, "/failed_active_hc", 11, 42));

        List<String> findings = RoutingFinding.find(ENVOY, List.of(timeline(3, T0.plusMillis(300))), null, polls,
                100, END);

        assertThat(findings).containsExactly("routing: the load balancer routed traffic away from web-1's server"
                + " 10.0.0.11:80 at 2026-12-01T10:00:00.300Z (0.3 s after fault f0; reported /failed_active_hc);"
                + " request share from then: 10.0.0.11:80 0% (0), 10.0.0.12:80 100% (30); evidence: Envoy"
                + " http://127.0.0.1:9901/clusters cluster web, 2 polls from 2026-12-01T10:00:00.300Z to"
                + " 2026-12-01T10:00:01Z, resolution 100 ms");
    }

    @Test
    void afterFailuresItSaysWhenTheTargetKeptItsShare() {
        List<MetricsPoll> polls = List.of(poll(0, "healthy", 10, 10), poll(10, "healthy", 25, 25));

        assertThat(RoutingFinding.find(ENVOY, List.of(timeline(5, null)), null, polls, 100, END))
                .singleElement().asString()
                .startsWith("routing: the load balancer never routed traffic away from web-1's server 10.0.0.11:80"
                        + " after fault f0 (still healthy, healthy, at 2026-12-01T10:00:01Z); request share after the"
                        + " fault: 10.0.0.11:80 50% (15), 10.0.0.12:80 50% (15)");
    }

    @Test
    void withoutFailuresOrWithoutTheTargetsServerThereIsNothingToExplain() {
        List<MetricsPoll> polls = List.of(poll(0, "healthy", 10, 10), poll(10, "healthy", 25, 25));

        assertThat(RoutingFinding.find(ENVOY, List.of(timeline(0, null)), null, polls, 100, END)).isEmpty();
        LoadBalancer other = new LoadBalancer(null, "web", Map.of("web-2", "10.0.0.12:80"), "envoy",
                "http://127.0.0.1:9901/clusters", null, null, null, null);
        assertThat(RoutingFinding.find(other, List.of(timeline(5, null)), null, polls, 100, END)).isEmpty();
        assertThat(RoutingFinding.find(null, List.of(timeline(5, null)), null, polls, 100, END)).isEmpty();
    }
}

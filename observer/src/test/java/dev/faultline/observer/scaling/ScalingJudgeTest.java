package dev.faultline.observer.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.LoadBalancer;
import dev.faultline.observer.load.LoadResponse;
import dev.faultline.common.experiment.Scaling;
import dev.faultline.common.verdict.CheckResult;
import dev.faultline.common.verdict.ScalingReport;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.observer.patterns.MetricsPoll;
import dev.faultline.observer.routing.ServerState;
import dev.faultline.observer.scaling.ReplicaEvent.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScalingJudgeTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant TRIGGER = T0.plusSeconds(20);
    private static final Instant END = T0.plusSeconds(90);
    private static final LoadBalancer LB = new LoadBalancer("http://127.0.0.1:8404/stats;csv", "product",
            Map.of("r-1", "product-1"));
    private static final Scaling SPEC = new Scaling(Map.of("service", "product"), null, "http://127.0.0.1:1/a",
            Duration.ofSeconds(40), Duration.ofSeconds(15), 2, 0.25);

    private static ReplicaInfo replica(String id, String host, String ip) {
        return new ReplicaInfo(id, "r-" + id.substring(1), host, true, true, List.of(ip));
    }

    private static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    private static ScalingActivity scaleOut(double seconds, int from, int to) {
        return new ScalingActivity(at(seconds), at(seconds + 0.5), "request rate above the target",
                "Setting desired count to " + to + ".", "Successful", from, to);
    }

    /** Polls every second: the servers up so far share the requests evenly (10 each per poll). */
    private static List<MetricsPoll> polls(Map<String, Double> upFrom, Map<String, String> addresses) {
        List<MetricsPoll> polls = new ArrayList<>();
        Map<String, Long> counters = new LinkedHashMap<>();
        for (int s = 0; s <= 90; s++) {
            Map<String, ServerState> servers = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : upFrom.entrySet()) {
                boolean up = s >= e.getValue();
                long total = counters.merge(e.getKey(), up ? 10L : 0L, Long::sum);
                servers.put(e.getKey(), new ServerState(up, up ? "UP" : "MAINT", total,
                        up ? addresses.get(e.getKey()) : null));
            }
            polls.add(new MetricsPoll(at(s), null, null, servers));
        }
        return polls;
    }

    private static ScalingJudge.Judgement scaledOutRun() {
        List<ReplicaInfo> start = List.of(replica("c1", "product-1", "10.0.0.1"),
                replica("c2", "product-2", "10.0.0.2"));
        List<ReplicaInfo> end = new ArrayList<>(start);
        end.add(replica("c3", "product-3", "10.0.0.3"));
        end.add(replica("c4", "product-4", "10.0.0.4"));
        List<ReplicaEvent> events = List.of(
                new ReplicaEvent(at(26), "c3", "r-3", Kind.STARTED),
                new ReplicaEvent(at(26.2), "c4", "r-4", Kind.STARTED),
                new ReplicaEvent(at(34), "c3", "r-3", Kind.HEALTHY),
                new ReplicaEvent(at(36), "c4", "r-4", Kind.HEALTHY));
        Map<String, Double> upFrom = new LinkedHashMap<>();
        upFrom.put("product-1", 0.0);
        upFrom.put("product-2", 0.0);
        upFrom.put("slot-1", 35.0);
        upFrom.put("slot-2", 37.0);
        List<MetricsPoll> polls = polls(upFrom, Map.of("product-1", "10.0.0.1:8080", "product-2", "10.0.0.2:8080",
                "slot-1", "10.0.0.3:8080", "slot-2", "10.0.0.4:8080"));
        ScalingEvidence evidence = new ScalingEvidence(start, end, events, List.of(scaleOut(25, 2, 4)), null, null);
        return ScalingJudge.judge(SPEC, evidence, "load step", TRIGGER, LB, polls, 1000, T0, END);
    }

    private static CheckResult check(ScalingJudge.Judgement j, String name) {
        return j.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aScaleOutIsTimedFromTheTriggerToItsLastReplicaHealthy() {
        ScalingReport r = scaledOutRun().report();
        assertThat(r.fromReplicas()).isEqualTo(2);
        assertThat(r.toReplicas()).isEqualTo(4);
        assertThat(r.scaleOutStartedMillis()).isEqualTo(5_000);
        assertThat(r.scaleOutMillis()).isEqualTo(16_000);
        assertThat(r.minHealthy()).isEqualTo(2);
        assertThat(r.points()).extracting(ScalingReport.Point::healthy).contains(2, 3, 4);
        assertThat(r.events()).anyMatch(e -> e.kind().equals("scale-out") && e.cause().contains("request rate"));
        assertThat(check(scaledOutRun(), ScalingJudge.MAX_SCALE_OUT_TIME).status()).isEqualTo(SloStatus.PASS);
    }

    @Test
    void coldStartRunsFromTheContainersStartToItsServerUpFoundByAddress() {
        ScalingJudge.Judgement j = scaledOutRun();
        assertThat(j.report().coldStarts()).extracting(ScalingReport.ColdStart::replica,
                ScalingReport.ColdStart::startToHealthyMillis, ScalingReport.ColdStart::startToLoadBalancerMillis,
                ScalingReport.ColdStart::server)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r-3", 8_000L, 9_000L, "slot-1"),
                        org.assertj.core.groups.Tuple.tuple("r-4", 9_800L, 10_800L, "slot-2"));
        assertThat(check(j, ScalingJudge.MAX_COLD_START).status()).isEqualTo(SloStatus.PASS);
    }

    @Test
    void anEvenRoundRobinAfterTheScaleOutIsBalanced() {
        ScalingJudge.Judgement j = scaledOutRun();
        assertThat(j.report().shareAfter()).hasSize(4).allSatisfy((server, share) -> assertThat(share)
                .isEqualTo(0.25));
        assertThat(j.report().imbalanceAfter()).isEqualTo(0.0);
        assertThat(check(j, ScalingJudge.MAX_IMBALANCE).status()).isEqualTo(SloStatus.PASS);
        assertThat(check(j, ScalingJudge.MIN_HEALTHY_REPLICAS).status()).isEqualTo(SloStatus.PASS);
    }

    @Test
    void withoutAnAutoscalerAKilledReplicaLeavesTooFewAndNothingScalesOut() {
        List<ReplicaInfo> start = List.of(replica("c1", "product-1", "10.0.0.1"),
                replica("c2", "product-2", "10.0.0.2"));
        List<ReplicaEvent> events = List.of(new ReplicaEvent(at(50), "c1", "r-1", Kind.STOPPED));
        Map<String, Double> upFrom = new LinkedHashMap<>();
        upFrom.put("product-1", 0.0);
        upFrom.put("product-2", 0.0);
        ScalingEvidence evidence = new ScalingEvidence(start, start, events, List.of(), null, null);
        ScalingJudge.Judgement j = ScalingJudge.judge(SPEC, evidence, "load step", TRIGGER, LB,
                polls(upFrom, Map.of()), 1000, T0, END);
        assertThat(check(j, ScalingJudge.MIN_HEALTHY_REPLICAS).status()).isEqualTo(SloStatus.FAIL);
        assertThat(check(j, ScalingJudge.MIN_HEALTHY_REPLICAS).detail()).contains("fewest healthy replicas 1",
                "50.0 s into the run");
        assertThat(check(j, ScalingJudge.MAX_SCALE_OUT_TIME).status()).isEqualTo(SloStatus.FAIL);
        assertThat(check(j, ScalingJudge.MAX_SCALE_OUT_TIME).detail()).contains("no scale-out");
        assertThat(check(j, ScalingJudge.MAX_COLD_START).status()).isEqualTo(SloStatus.NO_DATA);
        assertThat(j.findings()).anyMatch(f -> f.startsWith("min-healthy-replicas failed"));
    }

    @Test
    void aServerGettingHalfTheRequestsIsImbalanced() {
        Map<String, Double> share = Map.of("a", 0.5, "b", 0.25, "c", 0.125, "d", 0.125);
        assertThat(ScalingJudge.imbalance(share)).isEqualTo(1.0);
        assertThat(ScalingJudge.imbalance(Map.of("a", 1.0))).isNull();
    }

    @Test
    void aSlowReplicaFailsTheColdStartObjective() {
        Scaling strict = new Scaling(SPEC.labels(), null, null, null, Duration.ofSeconds(5), null, null);
        ScalingJudge.Judgement base = scaledOutRun();
        assertThat(base.report().coldStarts()).isNotEmpty();
        List<ReplicaInfo> start = List.of(replica("c1", "product-1", "10.0.0.1"));
        List<ReplicaEvent> events = List.of(new ReplicaEvent(at(26), "c3", "r-3", Kind.STARTED),
                new ReplicaEvent(at(40), "c3", "r-3", Kind.HEALTHY));
        ScalingJudge.Judgement j = ScalingJudge.judge(strict, new ScalingEvidence(start, start, events, List.of(),
                null, null), "first fault injected", TRIGGER, null, List.of(), 1000, T0, END);
        CheckResult cold = check(j, ScalingJudge.MAX_COLD_START);
        assertThat(cold.status()).isEqualTo(SloStatus.FAIL);
        assertThat(cold.detail()).contains("r-3 took 14.0 s");
        // Without a feed the scale-out is the first replica started after the trigger.
        assertThat(j.report().scaleOutStartedMillis()).isEqualTo(6_000);
        assertThat(j.report().scaleOutMillis()).isEqualTo(20_000);
    }

    /** Docker gave the replacement the dead replica's address, which HAProxy still shows on that down server. */
    @Test
    void aReusedAddressMatchesTheHealthyServerNotTheDeadOneStillHoldingIt() {
        ReplicaInfo replacement = new ReplicaInfo("c5", "r-5", "product-5", true, true, List.of("10.0.0.1"));
        Map<String, ServerState> servers = Map.of(
                "product-1", new ServerState(false, "MAINT (resolution)", 100L, "10.0.0.1:8080"),
                "slot-3", new ServerState(true, "UP", 3L, "10.0.0.1:8080"));
        assertThat(ScalingJudge.serverOf(replacement, LB, servers)).isEqualTo("slot-3");
        assertThat(ScalingJudge.serverOf(replacement, LB, Map.of("product-1", servers.get("product-1")))).isNull();
        ReplicaInfo named = new ReplicaInfo("c1", "r-1", "product-1", true, true, List.of());
        assertThat(ScalingJudge.serverOf(named, LB, Map.of("product-1", new ServerState(true, "UP", 1L))))
                .isEqualTo("product-1");
    }

    /** HAProxy shows a slot UP for a moment when DNS gives it an address, before its first check fails. */
    @Test
    void aBlipOfHealthIsNotTheReplicaInRotation() {
        ReplicaInfo replica = replica("c3", "product-3", "10.0.0.3");
        List<MetricsPoll> polls = new ArrayList<>();
        boolean[] up = {false, true, false, false, true, true, true, true};
        for (int s = 0; s < up.length; s++) {
            polls.add(new MetricsPoll(at(30 + s), null, null, Map.of("slot-1", new ServerState(up[s],
                    up[s] ? "UP" : "DOWN", 0L, "10.0.0.3:8080"))));
        }
        ScalingEvidence evidence = new ScalingEvidence(List.of(), List.of(replica),
                List.of(new ReplicaEvent(at(29), "c3", "r-3", Kind.STARTED)), List.of(), null, null);
        ScalingReport r = ScalingJudge.judge(SPEC, evidence, "load step", TRIGGER, LB, polls, 1000, T0, END)
                .report();
        assertThat(r.coldStarts()).singleElement().satisfies(c -> assertThat(c.startToLoadBalancerMillis())
                .isEqualTo(5_000L));
    }

    private static ScalingActivity activity(double seconds, int from, int to, String cause) {
        return new ScalingActivity(at(seconds), at(seconds + 0.5), cause, "Setting desired count to " + to + ".",
                "Successful", from, to);
    }

    /** Load responses every 100 ms over [from, to) s, each with the given latency. */
    private static List<LoadResponse> load(double from, double to, long latencyMillis, int status) {
        List<LoadResponse> responses = new ArrayList<>();
        for (double t = from; t < to; t += 0.1) {
            responses.add(new LoadResponse(at(t), status, latencyMillis, null));
        }
        return responses;
    }

    /**
     * Four replicas at the start; the load steps down at 20 s; scale-in 4 → 3 at 30 s (c4 stops at 31), c1 killed
     * at 40 s and replaced by c5 (healthy at 52), scale-in 3 → 2 at 60 s (c5 stops at 61).
     */
    private static ScalingJudge.Judgement scaledInRun(List<LoadResponse> load, Duration maxP99, Integer min) {
        List<ReplicaInfo> start = List.of(replica("c1", "product-1", "10.0.0.1"),
                replica("c2", "product-2", "10.0.0.2"), replica("c3", "product-3", "10.0.0.3"),
                replica("c4", "product-4", "10.0.0.4"));
        List<ReplicaEvent> events = List.of(
                new ReplicaEvent(at(31), "c4", "r-4", Kind.STOPPED),
                new ReplicaEvent(at(40), "c1", "r-1", Kind.STOPPED),
                new ReplicaEvent(at(42), "c5", "r-5", Kind.STARTED),
                new ReplicaEvent(at(52), "c5", "r-5", Kind.HEALTHY),
                new ReplicaEvent(at(61), "c5", "r-5", Kind.STOPPED));
        List<ScalingActivity> activities = List.of(
                activity(30, 4, 3, "request rate below the target: scale in to 3"),
                activity(41, 3, 3, "running count 2 differs from desired count 3"),
                activity(60, 3, 2, "request rate below the target: scale in to 2"));
        Scaling spec = new Scaling(Map.of("service", "product"), null, "http://127.0.0.1:1/a", null, null, min,
                null);
        return ScalingJudge.judge(spec, new ScalingEvidence(start, start, events, activities, null, null),
                "load step", TRIGGER, null, List.of(), 1000, T0, END, load, null, maxP99);
    }

    @Test
    void aKillDuringTheScaleInIsJudgedOverTheScaleInWindow() {
        List<LoadResponse> load = new ArrayList<>(load(0, 30, 50, 200));
        load.addAll(load(30, 62, 80, 200));
        load.add(new LoadResponse(at(40.5), 0, 10_000, null)); // the kill's one timeout
        load.addAll(load(62, 90, 40, 200));
        ScalingJudge.Judgement j = scaledInRun(load, Duration.ofSeconds(2), 2);
        ScalingReport r = j.report();
        assertThat(r.scaleInStartedMillis()).isEqualTo(10_000);
        assertThat(r.scaleInToReplicas()).isEqualTo(2);
        assertThat(r.scaleInMillis()).as("c5 stops at 61: running down to 2").isEqualTo(41_000);
        assertThat(r.minHealthyDuringScaleIn()).as("c2, c3 after the kill, c5 not yet healthy").isEqualTo(2);
        assertThat(r.scaleInRequests()).isEqualTo(load.stream().filter(x -> !x.at().isBefore(at(30))
                && !x.at().isAfter(at(61))).count());
        assertThat(r.scaleInErrors()).isEqualTo(1);
        assertThat(r.scaleInP99Millis()).isEqualTo(80);
        assertThat(r.scaleOuts()).isZero();
        CheckResult check = check(j, ScalingJudge.SCALE_IN_DISRUPTION);
        assertThat(check.status()).isEqualTo(SloStatus.PASS);
        assertThat(check.detail()).contains("fewest healthy replicas 2 (at least 2 required)")
                .contains("p99 latency 80 ms (limit 2s)").contains("1 of");
        assertThat(j.findings()).anyMatch(f -> f.contains("scale-in to 2 began 10.0 s after the trigger, done after"
                + " 41.0 s, fewest healthy during it 2"));
    }

    @Test
    void tooFewHealthyOrTooSlowDuringTheScaleInFails() {
        ScalingJudge.Judgement fewer = scaledInRun(load(0, 90, 50, 200), null, 3);
        assertThat(check(fewer, ScalingJudge.SCALE_IN_DISRUPTION).status()).isEqualTo(SloStatus.FAIL);
        assertThat(check(fewer, ScalingJudge.SCALE_IN_DISRUPTION).detail()).contains("breached: healthy replicas");

        List<LoadResponse> slow = new ArrayList<>(load(0, 30, 50, 200));
        slow.addAll(load(30, 60, 3_000, 200)); // slow only while it scales in
        slow.addAll(load(60, 90, 50, 200));
        ScalingJudge.Judgement slowIn = scaledInRun(slow, Duration.ofSeconds(2), null);
        assertThat(check(slowIn, ScalingJudge.SCALE_IN_DISRUPTION).status()).isEqualTo(SloStatus.FAIL);
        assertThat(check(slowIn, ScalingJudge.SCALE_IN_DISRUPTION).detail()).contains("p99 latency 3000 ms")
                .contains("breached: latency");
    }

    @Test
    void noScaleInNoScaleInCheck() {
        ScalingJudge.Judgement j = scaledOutRun();
        assertThat(j.report().scaleInStartedMillis()).isNull();
        assertThat(j.report().minHealthyDuringScaleIn()).isNull();
        assertThat(j.checks()).noneMatch(c -> c.name().equals(ScalingJudge.SCALE_IN_DISRUPTION));
        assertThat(j.report().scaleOuts()).isEqualTo(1);
    }

    @Test
    void twoScaleOutsAfterOneTriggerAreACascadeWithBothCauses() {
        List<ReplicaInfo> start = List.of(replica("c1", "product-1", "10.0.0.1"),
                replica("c2", "product-2", "10.0.0.2"));
        List<ReplicaEvent> events = List.of(
                new ReplicaEvent(at(25), "c3", "r-3", Kind.STARTED),
                new ReplicaEvent(at(33), "c3", "r-3", Kind.HEALTHY),
                new ReplicaEvent(at(40), "c4", "r-4", Kind.STARTED),
                new ReplicaEvent(at(48), "c4", "r-4", Kind.HEALTHY));
        List<ScalingActivity> activities = List.of(
                activity(24, 2, 3, "CPU 110.0 % over 2 replica(s) above the target 40 %: scale out to 3"),
                activity(39, 3, 4, "CPU 150.0 % over 3 replica(s) above the target 40 %: scale out to 4"));
        ScalingJudge.Judgement j = ScalingJudge.judge(SPEC, new ScalingEvidence(start, start, events, activities,
                null, null), "first fault injected", TRIGGER, null, List.of(), 1000, T0, END);
        assertThat(j.report().scaleOuts()).isEqualTo(2);
        assertThat(j.report().events()).filteredOn(e -> e.kind().equals("scale-out")).extracting(
                ScalingReport.Event::cause).containsExactly(
                        "Setting desired count to 3. cause: CPU 110.0 % over 2 replica(s) above the target 40 %:"
                                + " scale out to 3 [Successful]",
                        "Setting desired count to 4. cause: CPU 150.0 % over 3 replica(s) above the target 40 %:"
                                + " scale out to 4 [Successful]");
        assertThat(j.report().toReplicas()).as("the first scale-out's target").isEqualTo(3);
        assertThat(j.findings()).anyMatch(f -> f.contains("2 scale-outs after the trigger (a cascade"));
    }

    @Test
    void aReplicaRemovedBeforeTheEndIsFoundInTheLoadBalancerByWhatItWasWhenItStarted() {
        List<ReplicaInfo> start = List.of(replica("c1", "product-1", "10.0.0.1"),
                replica("c2", "product-2", "10.0.0.2"));
        List<ReplicaEvent> events = List.of(
                new ReplicaEvent(at(26), "c3", "r-3", Kind.STARTED),
                new ReplicaEvent(at(34), "c3", "r-3", Kind.HEALTHY),
                new ReplicaEvent(at(60), "c3", "r-3", Kind.STOPPED));
        Map<String, Double> upFrom = new LinkedHashMap<>();
        upFrom.put("product-1", 0.0);
        upFrom.put("product-2", 0.0);
        upFrom.put("slot-1", 35.0);
        List<MetricsPoll> polls = polls(upFrom, Map.of("product-1", "10.0.0.1:8080", "product-2", "10.0.0.2:8080",
                "slot-1", "10.0.0.3:8080"));
        List<ScalingActivity> feed = List.of(scaleOut(25, 2, 3));
        // gone by the end: neither the first nor the last reading has it, only the one taken at its start
        ScalingEvidence withStart = new ScalingEvidence(start, start, events, feed, null, null,
                List.of(replica("c3", "product-3", "10.0.0.3")));
        ScalingReport.ColdStart found = ScalingJudge.judge(SPEC, withStart, "load step", TRIGGER, LB, polls, 1000, T0,
                END).report().coldStarts().get(0);
        assertThat(found.server()).isEqualTo("slot-1");
        assertThat(found.startToLoadBalancerMillis()).isEqualTo(9_000);

        ScalingEvidence without = new ScalingEvidence(start, start, events, feed, null, null);
        assertThat(ScalingJudge.judge(SPEC, without, "load step", TRIGGER, LB, polls, 1000, T0, END).report()
                .coldStarts().get(0).server()).as("what the verdict said before: never in the load balancer").isNull();
    }
}

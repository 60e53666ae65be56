package dev.faultline.observer.scaling;

import dev.faultline.common.experiment.LoadBalancer;
import dev.faultline.common.experiment.Scaling;
import dev.faultline.common.experiment.SuccessStatus;
import dev.faultline.common.validation.DurationText;
import dev.faultline.common.verdict.CheckResult;
import dev.faultline.common.verdict.ScalingReport;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.observer.load.LoadResponse;
import dev.faultline.observer.load.LoadStatistics;
import dev.faultline.observer.patterns.MetricsPoll;
import dev.faultline.observer.routing.RequestShare;
import dev.faultline.observer.routing.ServerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The scaling timeline and its objectives, from the replicas' events (the platform's own times), the autoscaler's
 * activities and the load balancer's polls. Pure: everything it needs is passed in.
 *
 * <ul>
 * <li>Counts: replaying the events over the replicas at the start; a replica counts healthy while it runs and its
 *     health check passes (while it runs, without a health check). Desired: the last activity's desired count.</li>
 * <li>Scale-out: the first activity after the trigger that raised the desired count (without a feed, the first
 *     replica started after the trigger); complete when as many replicas are healthy as it aimed at (without a
 *     feed, the most replicas running after the trigger).</li>
 * <li>Cold start: per replica started during the run, its start → its first passing health check, and → the first
 *     poll of a streak ({@link #IN_ROTATION_POLLS} polls) in which the load balancer reports its server healthy.
 *     A server is the replica's when the experiment's {@code loadBalancer.servers} maps it so, when its name is the
 *     container's name or host name, or when its address is the container's.</li>
 * <li>Balance: each server's share of the requests between consecutive polls (its request counter's growth),
 *     during the scale-out and after it; after it only servers healthy at every poll count, and the imbalance is
 *     the largest distance of a share from the even one, relative to the even one.</li>
 * <li>Cascade: the scale-out activities from the trigger on are counted; each stays in the events with its
 *     cause.</li>
 * <li>Scale-in: from the first activity after the trigger that lowered the desired count to the first instant the
 *     running count is down to the last such activity's count; over that window, the fewest healthy replicas and
 *     the load test's p99 latency and failures, judged by {@link #SCALE_IN_DISRUPTION} against
 *     {@code minHealthyReplicas} and the experiment's {@code maxP99Latency}.</li>
 * </ul>
 */
public final class ScalingJudge {

    public static final String MAX_SCALE_OUT_TIME = "max-scale-out-time";
    public static final String MAX_COLD_START = "max-cold-start";
    public static final String MIN_HEALTHY_REPLICAS = "min-healthy-replicas";
    public static final String MAX_IMBALANCE = "max-imbalance";
    public static final String SCALE_IN_DISRUPTION = "scale-in-disruption";

    /** The report, the objectives' results, and findings in words. */
    public record Judgement(ScalingReport report, List<CheckResult> checks, List<String> findings) {
    }

    private ScalingJudge() {
    }

    /**
     * @param trigger   the trigger in words
     * @param triggerAt when it happened; null when it did not
     * @param lb        the experiment's load balancer; null without one
     * @param polls     its polls (servers empty where unreadable), oldest first
     */
    public static Judgement judge(Scaling spec, ScalingEvidence evidence, String trigger, Instant triggerAt,
            LoadBalancer lb, List<MetricsPoll> polls, long pollIntervalMillis, Instant runStart, Instant windowEnd) {
        return judge(spec, evidence, trigger, triggerAt, lb, polls, pollIntervalMillis, runStart, windowEnd,
                List.of(), null, null);
    }

    /**
     * @param load          the load test's responses (empty without one), for the latency during a scale-in
     * @param loadSuccess   the statuses the load test counts as success; null: the default
     * @param maxP99Latency the experiment's latency objective, judged over a scale-in too; null when it has none
     */
    public static Judgement judge(Scaling spec, ScalingEvidence evidence, String trigger, Instant triggerAt,
            LoadBalancer lb, List<MetricsPoll> polls, long pollIntervalMillis, Instant runStart, Instant windowEnd,
            List<LoadResponse> load, SuccessStatus loadSuccess, Duration maxP99Latency) {
        List<MetricsPoll> lbPolls = polls.stream().filter(p -> !p.servers().isEmpty()
                && !p.at().isBefore(runStart) && !p.at().isAfter(windowEnd)).toList();
        List<ScalingReport.Point> points = points(evidence, lbPolls, runStart, windowEnd);
        List<ScalingReport.Event> events = new ArrayList<>();
        for (ScalingActivity a : evidence.activities()) {
            if (!a.startTime().isBefore(runStart) && !a.startTime().isAfter(windowEnd)) {
                events.add(new ScalingReport.Event(a.startTime(), activityKind(a, evidence.activities()), null,
                        activityText(a)));
            }
        }
        for (ReplicaEvent e : evidence.events()) {
            events.add(new ScalingReport.Event(e.at(), e.kind().name().toLowerCase(Locale.ROOT), e.name(), null));
        }

        Integer fromReplicas = triggerAt == null ? null : at(points, triggerAt).healthy();
        Instant scaleOutStart = null;
        Integer toReplicas = null;
        if (triggerAt != null) {
            ScalingActivity out = firstScaleOut(evidence.activities(), triggerAt);
            if (out != null) {
                scaleOutStart = out.startTime();
                toReplicas = out.desiredCount();
            } else if (evidence.activities().isEmpty()) {
                Set<String> initial = ids(evidence.atStart());
                scaleOutStart = evidence.events().stream().filter(e -> e.kind() == ReplicaEvent.Kind.STARTED
                        && !e.at().isBefore(triggerAt) && !initial.contains(e.id())).map(ReplicaEvent::at)
                        .findFirst().orElse(null);
                if (scaleOutStart != null) {
                    Instant from = scaleOutStart;
                    toReplicas = points.stream().filter(p -> !p.at().isBefore(from))
                            .mapToInt(ScalingReport.Point::running).max().orElse(0);
                }
            }
        }
        Instant scaleOutDone = null;
        if (scaleOutStart != null && toReplicas != null) {
            Instant from = scaleOutStart;
            int target = toReplicas;
            scaleOutDone = points.stream().filter(p -> !p.at().isBefore(from) && p.healthy() >= target)
                    .map(ScalingReport.Point::at).findFirst().orElse(null);
        }

        List<ScalingReport.ColdStart> coldStarts = coldStarts(evidence, lb, lbPolls, windowEnd, events);
        events.sort(Comparator.comparing(ScalingReport.Event::at));

        ScalingReport.Point lowest = points.stream().min(Comparator.comparingInt(ScalingReport.Point::healthy))
                .orElse(null);

        Map<String, Double> during = Map.of();
        Map<String, Double> after = Map.of();
        Double imbalance = null;
        if (!lbPolls.isEmpty()) {
            Instant afterFrom;
            if (scaleOutStart != null) {
                during = share(lbPolls, scaleOutStart, scaleOutDone == null ? windowEnd : scaleOutDone, false);
                afterFrom = scaleOutDone == null ? null : inRotation(lbPolls, scaleOutDone, toReplicas);
            } else {
                afterFrom = triggerAt != null ? triggerAt : runStart;
            }
            if (afterFrom != null) {
                after = share(lbPolls, afterFrom, windowEnd, true);
                imbalance = imbalance(after);
            }
        }

        Instant from = triggerAt != null ? triggerAt : runStart;
        Integer scaleOuts = evidence.activities().isEmpty() ? null : (int) evidence.activities().stream()
                .filter(a -> !a.startTime().isBefore(from) && !a.startTime().isAfter(windowEnd)
                        && "scale-out".equals(activityKind(a, evidence.activities())))
                .count();
        ScaleIn scaleIn = scaleIn(evidence.activities(), points, load, loadSuccess, from, windowEnd);

        String method = "replicas: containers labelled " + spec.labels() + ", Docker's own event times (start, die,"
                + " health_status)" + (spec.activitiesUrl() == null ? "" : "; activities: " + spec.activitiesUrl())
                + (lb == null ? "" : "; load balancer " + lb.type() + " polled every " + pollIntervalMillis + " ms");
        ScalingReport report = new ScalingReport(trigger, triggerAt, points, events, fromReplicas, toReplicas,
                millis(triggerAt, scaleOutStart), millis(triggerAt, scaleOutDone), coldStarts,
                lowest == null ? null : lowest.healthy(), lowest == null ? null : lowest.at(), during, after,
                imbalance, method, scaleOuts, scaleIn == null ? null : millis(from, scaleIn.start()),
                scaleIn == null ? null : millis(from, scaleIn.end()), scaleIn == null ? null : scaleIn.to(),
                scaleIn == null ? null : scaleIn.minHealthy(), scaleIn == null ? null : scaleIn.p99Millis(),
                scaleIn == null ? null : scaleIn.requests(), scaleIn == null ? null : scaleIn.errors());

        List<CheckResult> checks = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        if (evidence.replicasError() != null) {
            findings.add("scaling: the replicas could not be read: " + evidence.replicasError());
        }
        if (evidence.activitiesError() != null) {
            findings.add("scaling: the activity feed " + spec.activitiesUrl() + " could not be read ("
                    + evidence.activitiesError() + "); scale-out is read from the replicas only");
        }
        findings.add(summary(report));
        if (spec.maxScaleOutTime() != null) {
            checks.add(scaleOutCheck(spec.maxScaleOutTime(), report, method));
        }
        if (spec.maxColdStart() != null) {
            checks.add(coldStartCheck(spec.maxColdStart(), coldStarts, lb != null, method));
        }
        if (spec.minHealthyReplicas() != null) {
            checks.add(minHealthyCheck(spec.minHealthyReplicas(), report, runStart, method));
        }
        if (spec.maxImbalance() != null) {
            checks.add(imbalanceCheck(spec.maxImbalance(), report, method));
        }
        if (scaleIn != null && (spec.minHealthyReplicas() != null || maxP99Latency != null)) {
            checks.add(scaleInCheck(spec.minHealthyReplicas(), maxP99Latency, report, method));
        }
        checks.stream().filter(c -> !c.passed()).forEach(c -> findings.add(c.name()
                + (c.status() == SloStatus.NO_DATA ? " not measured: " : " failed: ") + c.detail()));
        return new Judgement(report, checks, findings);
    }

    /**
     * A scale-in: its start (the first activity from {@code from} on lowering the desired count), its end (the
     * first instant, after the last such activity of the window, with the running count down to that activity's
     * count; null when never), the count it aimed at, and over [start, end or window end] the fewest healthy
     * replicas and the load test's figures.
     */
    record ScaleIn(Instant start, Instant end, int to, int minHealthy, Long p99Millis, long requests, long errors) {
    }

    static ScaleIn scaleIn(List<ScalingActivity> activities, List<ScalingReport.Point> points,
            List<LoadResponse> load, SuccessStatus loadSuccess, Instant from, Instant windowEnd) {
        List<ScalingActivity> ins = activities.stream().filter(a -> !a.startTime().isBefore(from)
                && !a.startTime().isAfter(windowEnd) && a.desiredCount() != null
                && "scale-in".equals(activityKind(a, activities))).toList();
        if (ins.isEmpty()) {
            return null;
        }
        Instant start = ins.get(0).startTime();
        ScalingActivity last = ins.get(ins.size() - 1);
        int to = last.desiredCount();
        Instant end = points.stream().filter(p -> !p.at().isBefore(last.startTime()) && p.running() <= to)
                .map(ScalingReport.Point::at).findFirst().orElse(null);
        Instant until = end == null ? windowEnd : end;
        int minHealthy = at(points, start).healthy();
        for (ScalingReport.Point p : points) {
            if (!p.at().isBefore(start) && !p.at().isAfter(until)) {
                minHealthy = Math.min(minHealthy, p.healthy());
            }
        }
        SuccessStatus success = loadSuccess == null ? SuccessStatus.DEFAULT : loadSuccess;
        List<LoadResponse> during = load.stream().filter(r -> !r.at().isBefore(start) && !r.at().isAfter(until))
                .toList();
        long[] latencies = during.stream().mapToLong(LoadResponse::latencyMillis).sorted().toArray();
        long errors = during.stream().filter(r -> r.failed(success)).count();
        return new ScaleIn(start, end, to, minHealthy, LoadStatistics.percentile(latencies, 99), during.size(),
                errors);
    }

    /** The counts after every change: replica events, desired counts, the load balancer's healthy servers. */
    static List<ScalingReport.Point> points(ScalingEvidence evidence, List<MetricsPoll> lbPolls, Instant runStart,
            Instant windowEnd) {
        record Change(Instant at, ReplicaEvent event, Integer desired, Integer inLb) {
        }
        List<Change> changes = new ArrayList<>();
        evidence.events().forEach(e -> changes.add(new Change(e.at(), e, null, null)));
        evidence.activities().stream().filter(a -> a.desiredCount() != null)
                .forEach(a -> changes.add(new Change(a.startTime(), null, a.desiredCount(), null)));
        lbPolls.forEach(p -> changes.add(new Change(p.at(), null, null,
                (int) p.servers().values().stream().filter(ServerState::healthy).count())));
        changes.sort(Comparator.comparing(Change::at));

        Set<String> checked = new LinkedHashSet<>();
        Map<String, Boolean> running = new HashMap<>();
        Map<String, Boolean> healthy = new HashMap<>();
        for (ReplicaInfo r : evidence.atStart()) {
            running.put(r.id(), r.running());
            healthy.put(r.id(), r.countsHealthy());
            if (r.healthy() != null) {
                checked.add(r.id());
            }
        }
        evidence.atEnd().stream().filter(r -> r.healthy() != null).forEach(r -> checked.add(r.id()));
        evidence.events().stream().filter(e -> e.kind() == ReplicaEvent.Kind.HEALTHY
                || e.kind() == ReplicaEvent.Kind.UNHEALTHY).forEach(e -> checked.add(e.id()));

        Integer desired = null;
        Integer inLb = null;
        List<ScalingReport.Point> points = new ArrayList<>();
        points.add(new ScalingReport.Point(runStart, count(running), count(healthy), null, null));
        for (Change c : changes) {
            if (c.at().isAfter(windowEnd)) {
                break;
            }
            if (c.event() != null) {
                String id = c.event().id();
                switch (c.event().kind()) {
                    case STARTED -> {
                        running.put(id, true);
                        healthy.put(id, !checked.contains(id));
                    }
                    case HEALTHY -> healthy.put(id, Boolean.TRUE.equals(running.get(id)));
                    case UNHEALTHY -> healthy.put(id, false);
                    case STOPPED -> {
                        running.put(id, false);
                        healthy.put(id, false);
                    }
                }
            }
            desired = c.desired() != null ? c.desired() : desired;
            inLb = c.inLb() != null ? c.inLb() : inLb;
            ScalingReport.Point point = new ScalingReport.Point(c.at().isBefore(runStart) ? runStart : c.at(),
                    count(running), count(healthy), desired, inLb);
            ScalingReport.Point last = points.get(points.size() - 1);
            if (last.running() != point.running() || last.healthy() != point.healthy()
                    || !Objects.equals(last.desired(), point.desired())
                    || !Objects.equals(last.inLoadBalancer(), point.inLoadBalancer())) {
                if (last.at().equals(point.at())) {
                    points.set(points.size() - 1, point);
                } else {
                    points.add(point);
                }
            }
        }
        return List.copyOf(points);
    }

    private static Set<String> ids(List<ReplicaInfo> replicas) {
        Set<String> ids = new LinkedHashSet<>();
        replicas.forEach(r -> ids.add(r.id()));
        return ids;
    }

    private static int count(Map<String, Boolean> flags) {
        return (int) flags.values().stream().filter(Boolean::booleanValue).count();
    }

    /** The point in force at {@code at}. */
    static ScalingReport.Point at(List<ScalingReport.Point> points, Instant at) {
        ScalingReport.Point found = points.get(0);
        for (ScalingReport.Point p : points) {
            if (p.at().isAfter(at)) {
                break;
            }
            found = p;
        }
        return found;
    }

    private static ScalingActivity firstScaleOut(List<ScalingActivity> activities, Instant triggerAt) {
        Integer before = null;
        for (ScalingActivity a : activities) {
            Integer from = a.fromCount() != null ? a.fromCount() : before;
            if (!a.startTime().isBefore(triggerAt) && a.desiredCount() != null && from != null
                    && a.desiredCount() > from) {
                return a;
            }
            before = a.desiredCount() != null ? a.desiredCount() : before;
        }
        return null;
    }

    private static String activityKind(ScalingActivity a, List<ScalingActivity> all) {
        Integer from = a.fromCount();
        if (from == null) {
            int i = all.indexOf(a);
            for (int j = i - 1; j >= 0 && from == null; j--) {
                from = all.get(j).desiredCount();
            }
        }
        if (from == null || a.desiredCount() == null || a.desiredCount().equals(from)) {
            return "scaling";
        }
        return a.desiredCount() > from ? "scale-out" : "scale-in";
    }

    private static String activityText(ScalingActivity a) {
        StringBuilder text = new StringBuilder();
        if (a.description() != null) {
            text.append(a.description());
        }
        if (a.cause() != null) {
            text.append(text.isEmpty() ? "" : " ").append("cause: ").append(a.cause());
        }
        if (a.statusCode() != null) {
            text.append(text.isEmpty() ? "" : " ").append("[").append(a.statusCode()).append("]");
        }
        return text.toString();
    }

    private static List<ScalingReport.ColdStart> coldStarts(ScalingEvidence evidence, LoadBalancer lb,
            List<MetricsPoll> lbPolls, Instant windowEnd, List<ScalingReport.Event> events) {
        Map<String, ReplicaInfo> known = new HashMap<>();
        evidence.started().forEach(r -> known.put(r.id(), r));
        evidence.atStart().forEach(r -> known.merge(r.id(), r, (seen, start) -> start.addresses().isEmpty()
                ? seen : start));
        evidence.atEnd().forEach(r -> known.merge(r.id(), r, (start, end) -> end.addresses().isEmpty() ? start : end));
        List<ScalingReport.ColdStart> starts = new ArrayList<>();
        List<ReplicaEvent> all = evidence.events();
        for (int i = 0; i < all.size(); i++) {
            ReplicaEvent start = all.get(i);
            if (start.kind() != ReplicaEvent.Kind.STARTED) {
                continue;
            }
            Instant end = all.subList(i + 1, all.size()).stream().filter(e -> e.id().equals(start.id())
                    && e.kind() == ReplicaEvent.Kind.STOPPED).map(ReplicaEvent::at).findFirst().orElse(windowEnd);
            Instant healthyAt = all.subList(i + 1, all.size()).stream().filter(e -> e.id().equals(start.id())
                    && e.kind() == ReplicaEvent.Kind.HEALTHY && !e.at().isAfter(end)).map(ReplicaEvent::at)
                    .findFirst().orElse(null);
            ReplicaInfo replica = known.get(start.id());
            Instant inLbAt = null;
            String server = null;
            if (lb != null && replica != null) {
                List<MetricsPoll> window = lbPolls.stream().filter(p -> !p.at().isBefore(start.at())
                        && !p.at().isAfter(end)).toList();
                for (int p = 0; p < window.size() && inLbAt == null; p++) {
                    String match = serverOf(replica, lb, window.get(p).servers());
                    if (match != null && staysHealthy(replica, lb, window, p, match)) {
                        inLbAt = window.get(p).at();
                        server = match;
                    }
                }
            }
            if (inLbAt != null) {
                events.add(new ScalingReport.Event(inLbAt, "in-load-balancer", start.name(), "server " + server));
            }
            starts.add(new ScalingReport.ColdStart(start.name(), start.at(), millis(start.at(), healthyAt),
                    millis(start.at(), inLbAt), server));
        }
        return List.copyOf(starts);
    }

    /** Polls a server must stay healthy in, from the first, to count as in rotation. */
    static final int IN_ROTATION_POLLS = 3;

    /**
     * Whether {@code server} is this replica's and healthy in the polls from {@code from} on, {@link
     * #IN_ROTATION_POLLS} of them (fewer when the window ends first). A load balancer may report a server UP for a
     * moment before its first check fails (HAProxy does so for a server leaving maintenance when DNS gives it an
     * address): such a blip is not the replica in rotation.
     */
    private static boolean staysHealthy(ReplicaInfo replica, LoadBalancer lb, List<MetricsPoll> polls, int from,
            String server) {
        for (int i = from; i < Math.min(polls.size(), from + IN_ROTATION_POLLS); i++) {
            if (!server.equals(serverOf(replica, lb, polls.get(i).servers()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The load balancer's server that is this replica and is healthy in this poll, or null. Candidates in order:
     * the experiment's mapping, a server named like the container or its host name, servers at one of its
     * addresses. Only a healthy one counts: an address Docker gave a new container may still be the last address
     * of a server whose own container is gone (HAProxy keeps it while that server is down).
     */
    static String serverOf(ReplicaInfo replica, LoadBalancer lb, Map<String, ServerState> servers) {
        List<String> candidates = new ArrayList<>();
        candidates.add(lb.servers().get(replica.name()));
        candidates.add(replica.name());
        candidates.add(replica.hostname());
        new TreeMap<>(servers).forEach((name, state) -> {
            if (state.address() != null && replica.addresses().contains(host(state.address()))) {
                candidates.add(name);
            }
        });
        return candidates.stream().filter(Objects::nonNull)
                .filter(name -> servers.containsKey(name) && servers.get(name).healthy()).findFirst().orElse(null);
    }

    private static String host(String address) {
        int colon = address.lastIndexOf(':');
        return colon > 0 && address.indexOf(':') == colon ? address.substring(0, colon) : address;
    }

    /** The first poll from {@code from} on with at least {@code count} healthy servers; null when none. */
    private static Instant inRotation(List<MetricsPoll> polls, Instant from, int count) {
        return polls.stream().filter(p -> !p.at().isBefore(from)
                && p.servers().values().stream().filter(ServerState::healthy).count() >= count)
                .map(MetricsPoll::at).findFirst().orElse(null);
    }

    /**
     * Server → its share of the requests between the polls of [from, to]; with {@code steadyOnly}, only servers
     * healthy at every poll of the window.
     */
    static Map<String, Double> share(List<MetricsPoll> polls, Instant from, Instant to, boolean steadyOnly) {
        List<MetricsPoll> window = polls.stream().filter(p -> !p.at().isBefore(from) && !p.at().isAfter(to)).toList();
        if (window.size() < 2) {
            return Map.of();
        }
        Map<String, Long> requests = new TreeMap<>();
        Set<String> steady = new LinkedHashSet<>(window.get(0).servers().keySet());
        for (MetricsPoll p : window) {
            steady.removeIf(server -> p.servers().get(server) == null || !p.servers().get(server).healthy());
        }
        for (int i = 1; i < window.size(); i++) {
            Map<String, ServerState> before = window.get(i - 1).servers();
            Map<String, ServerState> after = window.get(i).servers();
            RequestShare.newRequests(before, after).forEach((server, n) -> {
                if (steadyOnly ? steady.contains(server) : n > 0) {
                    requests.merge(server, n, Long::sum);
                }
            });
        }
        long total = requests.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> share = new LinkedHashMap<>();
        if (total > 0) {
            requests.forEach((server, n) -> share.put(server, n / (double) total));
        }
        return share;
    }

    /** The largest |share − 1/n| / (1/n); null with fewer than two servers. */
    static Double imbalance(Map<String, Double> share) {
        if (share.size() < 2) {
            return null;
        }
        double even = 1.0 / share.size();
        return share.values().stream().mapToDouble(s -> Math.abs(s - even) / even).max().orElseThrow();
    }

    private static String summary(ScalingReport r) {
        StringBuilder s = new StringBuilder("scaling: ");
        if (r.triggerAt() == null) {
            return s.append("no trigger (").append(r.trigger()).append(" did not happen)").toString();
        }
        if (r.scaleOutStartedMillis() == null) {
            s.append("no scale-out after the trigger (").append(r.trigger()).append("); ").append(r.fromReplicas())
                    .append(" healthy replica(s) at the trigger");
        } else {
            s.append("scale-out ").append(r.fromReplicas()).append(" → ").append(r.toReplicas()).append(" began ")
                    .append(seconds(r.scaleOutStartedMillis())).append(" after the trigger (").append(r.trigger())
                    .append(")");
            s.append(r.scaleOutMillis() == null ? ", never completed" : ", all healthy after "
                    + seconds(r.scaleOutMillis()));
        }
        if (r.scaleOuts() != null && r.scaleOuts() > 1) {
            s.append("; ").append(r.scaleOuts()).append(" scale-outs after the trigger (a cascade: see the events'"
                    + " causes)");
        }
        if (r.scaleInStartedMillis() != null) {
            s.append("; scale-in to ").append(r.scaleInToReplicas()).append(" began ")
                    .append(seconds(r.scaleInStartedMillis())).append(" after the trigger")
                    .append(r.scaleInMillis() == null ? ", not finished by the end"
                            : ", done after " + seconds(r.scaleInMillis()))
                    .append(", fewest healthy during it ").append(r.minHealthyDuringScaleIn());
        }
        if (r.minHealthy() != null) {
            s.append("; fewest healthy replicas ").append(r.minHealthy());
        }
        if (r.imbalanceAfter() != null) {
            s.append(String.format(Locale.ROOT, "; imbalance after scaling %.0f %%", r.imbalanceAfter() * 100));
        }
        return s.toString();
    }

    private static CheckResult scaleOutCheck(Duration limit, ScalingReport r, String method) {
        String name = MAX_SCALE_OUT_TIME;
        String m = "trigger → every replica of the first scale-out healthy (" + method + ")";
        if (r.triggerAt() == null) {
            return new CheckResult(name, SloStatus.NO_DATA, "the trigger (" + r.trigger() + ") did not happen", m);
        }
        if (r.scaleOutStartedMillis() == null) {
            return new CheckResult(name, SloStatus.FAIL, "no scale-out after the trigger: " + r.fromReplicas()
                    + " healthy replica(s) at the trigger and no more added by the end", m);
        }
        if (r.scaleOutMillis() == null) {
            return new CheckResult(name, SloStatus.FAIL, "the scale-out to " + r.toReplicas() + " began "
                    + seconds(r.scaleOutStartedMillis()) + " after the trigger but never had them all healthy", m);
        }
        boolean ok = r.scaleOutMillis() <= limit.toMillis();
        return new CheckResult(name, ok ? SloStatus.PASS : SloStatus.FAIL, "scaled out " + r.fromReplicas() + " → "
                + r.toReplicas() + " in " + seconds(r.scaleOutMillis()) + (ok ? ", within " : ", over ")
                + DurationText.format(limit), m);
    }

    private static CheckResult coldStartCheck(Duration limit, List<ScalingReport.ColdStart> starts, boolean withLb,
            String method) {
        String m = "per replica started during the run: container start → " + (withLb
                ? "first poll with its server healthy in the load balancer" : "first passing health check")
                + " (" + method + ")";
        if (starts.isEmpty()) {
            return new CheckResult(MAX_COLD_START, SloStatus.NO_DATA, "no replica started during the run", m);
        }
        List<String> late = new ArrayList<>();
        long worst = 0;
        for (ScalingReport.ColdStart c : starts) {
            Long t = withLb ? c.startToLoadBalancerMillis() : c.startToHealthyMillis();
            if (t == null) {
                late.add(c.replica() + " never " + (withLb ? "in the load balancer" : "healthy"));
            } else {
                worst = Math.max(worst, t);
                if (t > limit.toMillis()) {
                    late.add(c.replica() + " took " + seconds(t));
                }
            }
        }
        return late.isEmpty()
                ? new CheckResult(MAX_COLD_START, SloStatus.PASS, starts.size() + " replica(s) started, the slowest in "
                        + seconds(worst) + ", within " + DurationText.format(limit), m)
                : new CheckResult(MAX_COLD_START, SloStatus.FAIL, String.join("; ", late) + " (limit "
                        + DurationText.format(limit) + ")", m);
    }

    private static CheckResult minHealthyCheck(int min, ScalingReport r, Instant runStart, String method) {
        String m = "healthy replicas (running, health check passing) over the run (" + method + ")";
        if (r.minHealthy() == null) {
            return new CheckResult(MIN_HEALTHY_REPLICAS, SloStatus.NO_DATA, "no replica was read", m);
        }
        boolean ok = r.minHealthy() >= min;
        return new CheckResult(MIN_HEALTHY_REPLICAS, ok ? SloStatus.PASS : SloStatus.FAIL,
                "fewest healthy replicas " + r.minHealthy() + (ok ? "" : ", from " + seconds(
                        Duration.between(runStart, r.minHealthyAt()).toMillis()) + " into the run") + " (at least "
                        + min + " required)", m);
    }

    private static CheckResult imbalanceCheck(double max, ScalingReport r, String method) {
        String m = "each server's share of the load balancer's requests after the scale-out, servers healthy"
                + " throughout; largest distance from an even share, relative to it (" + method + ")";
        if (r.imbalanceAfter() == null) {
            return new CheckResult(MAX_IMBALANCE, SloStatus.NO_DATA, r.scaleOutStartedMillis() != null
                    && r.scaleOutMillis() == null ? "the scale-out never completed, so there is no after"
                    : "fewer than two servers in rotation with requests after the scale-out", m);
        }
        boolean ok = r.imbalanceAfter() <= max;
        StringBuilder shares = new StringBuilder();
        r.shareAfter().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> shares
                .append(shares.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                .append(String.format(Locale.ROOT, "%.1f %%", e.getValue() * 100)));
        return new CheckResult(MAX_IMBALANCE, ok ? SloStatus.PASS : SloStatus.FAIL, String.format(Locale.ROOT,
                "imbalance %.1f %% (%s), limit %.1f %%", r.imbalanceAfter() * 100, shares, max * 100), m);
    }

    private static CheckResult scaleInCheck(Integer minHealthy, Duration maxP99, ScalingReport r, String method) {
        String m = "from the first scale-in activity to the running count down to the last one's: fewest healthy"
                + " replicas, the load test's p99 latency (" + method + ")";
        List<String> breaches = new ArrayList<>();
        StringBuilder detail = new StringBuilder("scale-in to " + r.scaleInToReplicas() + " from "
                + seconds(r.scaleInStartedMillis()) + (r.scaleInMillis() == null ? ", not finished by the end"
                        : " to " + seconds(r.scaleInMillis())) + " after the trigger: fewest healthy replicas "
                + r.minHealthyDuringScaleIn());
        if (minHealthy != null) {
            detail.append(" (at least ").append(minHealthy).append(" required)");
            if (r.minHealthyDuringScaleIn() < minHealthy) {
                breaches.add("healthy replicas");
            }
        }
        if (maxP99 != null) {
            if (r.scaleInP99Millis() == null) {
                detail.append("; no load test responses during it");
            } else {
                detail.append("; p99 latency ").append(r.scaleInP99Millis()).append(" ms (limit ")
                        .append(DurationText.format(maxP99)).append(")");
                if (r.scaleInP99Millis() > maxP99.toMillis()) {
                    breaches.add("latency");
                }
            }
        }
        if (r.scaleInRequests() != null && r.scaleInRequests() > 0) {
            detail.append("; ").append(r.scaleInErrors()).append(" of ").append(r.scaleInRequests())
                    .append(" requests failed");
        }
        if (!breaches.isEmpty()) {
            detail.append("; breached: ").append(String.join(", ", breaches));
        }
        SloStatus status = breaches.isEmpty() ? (maxP99 != null && minHealthy == null && r.scaleInP99Millis() == null
                ? SloStatus.NO_DATA : SloStatus.PASS) : SloStatus.FAIL;
        return new CheckResult(SCALE_IN_DISRUPTION, status, detail.toString(), m);
    }

    private static Long millis(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toMillis();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}

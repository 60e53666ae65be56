package dev.faultline.observer.breaker;

import dev.faultline.common.verdict.BreakerTimeline;
import dev.faultline.common.verdict.BreakerTransition;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.experiment.SuccessStatus;
import dev.faultline.observer.load.LoadResponse;
import dev.faultline.observer.probe.ProbeSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cause, not a symptom: two or more probes or load routes failed while one breaker was open, so that breaker stands in front of
 * all of them (a gateway's default breaker shared by every route), and a fault on one dependency takes down routes
 * that never use it. Where a probe that failed with the fault passed again while the breaker was still open, the
 * dependency was back and the breaker's wait alone kept the others down: the finding gives how long. A probe that
 * still fails after the breaker closed again is not counted as behind it: something else keeps it down.
 *
 * <p>Each finding cites what it rests on: the breaker's series and endpoint with the polls that bound the open
 * interval, and per probe (or route) the failed samples (or requests) in it. Breaker instants have the poll interval as resolution, probe
 * instants are send times.
 */
public final class SharedBreakerFinding {

    private SharedBreakerFinding() {
    }

    public static List<String> find(List<BreakerTimeline> breakers, List<ProbeSample> samples,
            List<RecoveryTimeline> timelines, Instant windowEnd) {
        return find(breakers, samples, List.of(), null, timelines, windowEnd);
    }

    /**
     * With the load test's requests too, grouped by route: a route is behind the breaker on the same terms as a
     * probe. Requests without a route (an older plugin) are left out; {@code success} null means no load test.
     */
    public static List<String> find(List<BreakerTimeline> breakers, List<ProbeSample> samples,
            List<LoadResponse> load, SuccessStatus success, List<RecoveryTimeline> timelines, Instant windowEnd) {
        List<Observation> observed = new ArrayList<>();
        samples.forEach(s -> observed.add(new Observation(PROBE, s.probe(), s.sentAt(), s.ok())));
        if (success != null) {
            load.stream().filter(r -> r.route() != null)
                    .forEach(r -> observed.add(new Observation(ROUTE, r.route(), r.at(), !r.failed(success))));
        }
        List<String> findings = new ArrayList<>();
        for (BreakerTimeline breaker : breakers) {
            for (OpenInterval open : openIntervals(breaker, windowEnd)) {
                finding(breaker, open, observed, timelines).ifPresent(findings::add);
            }
        }
        return findings;
    }

    private static final String PROBE = "probe";
    private static final String ROUTE = "route";

    /** A probe sample or a load request: what it was, when it was sent, whether it passed. */
    private record Observation(String kind, String name, Instant sentAt, boolean ok) {

        Key key() {
            return new Key(kind, name);
        }
    }

    private record Key(String kind, String name) {
    }

    /**
     * From the first poll that showed it open (or forced open) to the first that showed another state; then the
     * closed period that follows, if any, until it rejected calls again or the window closed.
     */
    record OpenInterval(BreakerTransition opened, BreakerTransition left, Instant end, Instant closedFrom,
            Instant closedUntil) {

        boolean contains(Instant t) {
            return !t.isBefore(opened.at()) && t.isBefore(end);
        }

        /**
         * The last poll that still showed it open: the breaker let calls through at some point after it, so only a
         * probe back before it is certainly back while the breaker was open.
         */
        Instant lastSeenOpen() {
            return left == null || left.previousPollAt() == null ? end : left.previousPollAt();
        }

        boolean inClosedPeriod(Instant t, long resolutionMillis) {
            // One poll of slack: a probe sent just before the breaker's close was seen may still have been refused.
            return closedFrom != null && !t.isBefore(closedFrom.plusMillis(resolutionMillis)) && t.isBefore(closedUntil);
        }
    }

    static List<OpenInterval> openIntervals(BreakerTimeline breaker, Instant windowEnd) {
        List<OpenInterval> intervals = new ArrayList<>();
        List<BreakerTransition> ts = breaker.transitions();
        for (int i = 0; i < ts.size(); i++) {
            if (!ts.get(i).rejects()) {
                continue;
            }
            int j = i + 1;
            while (j < ts.size() && ts.get(j).rejects()) {
                j++;
            }
            BreakerTransition left = j < ts.size() ? ts.get(j) : null;
            Instant closedFrom = null;
            Instant closedUntil = windowEnd;
            for (int k = j; k < ts.size() && !ts.get(k).rejects(); k++) {
                if (closedFrom == null && "closed".equals(ts.get(k).state())) {
                    closedFrom = ts.get(k).at();
                }
                closedUntil = k + 1 < ts.size() ? ts.get(k + 1).at() : windowEnd;
            }
            intervals.add(new OpenInterval(ts.get(i), left, left == null ? windowEnd : left.at(), closedFrom,
                    closedUntil));
            i = j - 1;
        }
        return intervals;
    }

    private static java.util.Optional<String> finding(BreakerTimeline breaker, OpenInterval open,
            List<Observation> observed, List<RecoveryTimeline> timelines) {
        Map<Key, ProbeCount> byKey = new LinkedHashMap<>();
        Set<Key> failingWhileClosed = new java.util.HashSet<>();
        for (Observation o : observed) {
            if (open.contains(o.sentAt())) {
                byKey.computeIfAbsent(o.key(), k -> new ProbeCount()).add(o);
            } else if (!o.ok() && open.inClosedPeriod(o.sentAt(), breaker.resolutionMillis())) {
                failingWhileClosed.add(o.key());
            }
        }
        // A probe that failed with the fault and passed for good while the breaker was still open reaches the
        // dependency some other way: it shows when the dependency was back, it is not behind the breaker. It may
        // even be back before the breaker was seen open: calls that failed during the outage (a gateway's timeouts)
        // can complete, and open the breaker, after the dependency is back. Such a probe counts when its outage
        // reaches into the failures that led to this opening (it recovered after the failing probes and routes
        // began the failing streak that runs into the open interval), so an older, unrelated outage does not.
        Instant failingSince = failingSince(byKey.keySet(), observed, open.opened().at());
        List<RecoveryTimeline> backEarly = timelines.stream()
                .filter(t -> t.detectedAt() != null && t.recoveredAt() != null)
                .filter(t -> t.recoveredAt().isBefore(open.lastSeenOpen()))
                .filter(t -> t.recoveredAt().isAfter(open.opened().at())
                        || (t.detectedAt().isBefore(open.opened().at()) && !t.recoveredAt().isBefore(failingSince)))
                .toList();
        Set<Key> early = new java.util.HashSet<>(backEarly.stream().map(t -> new Key(PROBE, t.probe())).toList());
        // A probe that still failed once the breaker let calls through again fails for another reason (the
        // dependency itself is still down): the breaker is not what kept it down.
        List<Key> behind = byKey.entrySet().stream()
                .filter(e -> e.getValue().failed > 0 && !early.contains(e.getKey())
                        && !failingWhileClosed.contains(e.getKey()))
                .map(Map.Entry::getKey)
                // By name, not by arrival: probes answered at the same instant arrive in any order, and the finding
                // must read the same for the same run.
                .sorted(java.util.Comparator.comparing(Key::name))
                .toList();
        if (behind.size() < 2) {
            return java.util.Optional.empty();
        }
        List<String> probes = behind.stream().filter(k -> k.kind().equals(PROBE)).map(Key::name).toList();
        List<String> routes = behind.stream().filter(k -> k.kind().equals(ROUTE)).map(Key::name).toList();
        List<String> subjects = new ArrayList<>();
        if (!probes.isEmpty()) {
            subjects.add((probes.size() == 1 ? "probe " : "probes ") + String.join(", ", probes));
        }
        if (!routes.isEmpty()) {
            subjects.add((routes.size() == 1 ? "route " : "routes ") + String.join(", ", routes));
        }
        StringBuilder f = new StringBuilder("shared circuit breaker: breaker ").append(breaker.breaker()).append(" (")
                .append(breaker.library()).append(") was open from ").append(open.opened().at()).append(" to ")
                .append(open.left() == null ? open.end() + " (still open when the window closed)" : open.end())
                .append(" (").append(seconds(open.opened().at(), open.end())).append("); ")
                .append(String.join(" and ", subjects)).append(" failed during it (");
        List<String> counts = new ArrayList<>();
        for (Key key : behind) {
            ProbeCount c = byKey.get(key);
            counts.add(key.name() + ": " + c.failed + " of " + c.total + (key.kind().equals(PROBE) ? " probes"
                    : " requests") + " failed, sent " + c.firstFailed + " to " + c.lastFailed);
        }
        f.append(String.join("; ", counts)).append(')');
        for (RecoveryTimeline t : distinctByProbe(backEarly)) {
            f.append("; probe ").append(t.probe()).append(", failing since fault ").append(t.faultId()).append(" on ")
                    .append(t.target().containerName()).append(", passed again from ").append(t.recoveredAt());
            if (t.recoveredAt().isAfter(open.opened().at())) {
                f.append(", and the breaker stayed open ").append(seconds(t.recoveredAt(), open.end())).append(" after");
            } else {
                f.append(", before the breaker was seen open, and the breaker then stayed open ")
                        .append(seconds(open.opened().at(), open.end()));
            }
        }
        f.append("; evidence: ").append(breaker.series()).append(" at ").append(breaker.metricsUrl())
                .append(" showed ").append(open.opened().state()).append(" first at the poll of ")
                .append(open.opened().at());
        if (open.opened().previousPollAt() != null) {
            f.append(" (the poll before, ").append(open.opened().previousPollAt()).append(", did not)");
        }
        if (open.left() != null) {
            f.append(" and ").append(open.left().state()).append(" first at the poll of ").append(open.left().at());
        }
        f.append("; resolution ").append(breaker.resolutionMillis())
                .append(" ms (poll interval), probes and requests by send time");
        return java.util.Optional.of(f.toString());
    }

    /**
     * When the failures that led to this opening began: among the probes and routes observed in the open interval,
     * the earliest start of a failing streak that runs without a pass up to the instant the breaker was seen open
     * (that instant itself when none failed just before it).
     */
    private static Instant failingSince(Set<Key> keys, List<Observation> observed, Instant openedAt) {
        Instant since = openedAt;
        for (Key key : keys) {
            List<Observation> before = observed.stream()
                    .filter(o -> o.key().equals(key) && o.sentAt().isBefore(openedAt))
                    .sorted(java.util.Comparator.comparing(Observation::sentAt)).toList();
            for (int i = before.size() - 1; i >= 0 && !before.get(i).ok(); i--) {
                if (before.get(i).sentAt().isBefore(since)) {
                    since = before.get(i).sentAt();
                }
            }
        }
        return since;
    }

    private static List<RecoveryTimeline> distinctByProbe(List<RecoveryTimeline> timelines) {
        Map<String, RecoveryTimeline> first = new LinkedHashMap<>();
        timelines.stream().sorted(java.util.Comparator.comparing(RecoveryTimeline::recoveredAt))
                .forEach(t -> first.putIfAbsent(t.probe(), t));
        return List.copyOf(first.values());
    }

    private static String seconds(Instant from, Instant to) {
        return String.format(Locale.ROOT, "%.1f s", Duration.between(from, to).toMillis() / 1000.0);
    }

    private static final class ProbeCount {
        int total;
        int failed;
        Instant firstFailed;
        Instant lastFailed;

        void add(Observation s) {
            total++;
            if (!s.ok()) {
                failed++;
                if (firstFailed == null) {
                    firstFailed = s.sentAt();
                }
                lastFailed = s.sentAt();
            }
        }
    }
}

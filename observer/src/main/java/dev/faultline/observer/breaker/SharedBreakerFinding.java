package dev.faultline.observer.breaker;

import dev.faultline.common.verdict.BreakerTimeline;
import dev.faultline.common.verdict.BreakerTransition;
import dev.faultline.common.verdict.RecoveryTimeline;
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
 * A cause, not a symptom: two or more probes failed while one breaker was open, so that breaker stands in front of
 * all of them (a gateway's default breaker shared by every route), and a fault on one dependency takes down routes
 * that never use it. Where a probe that failed with the fault passed again while the breaker was still open, the
 * dependency was back and the breaker's wait alone kept the others down: the finding gives how long. A probe that
 * still fails after the breaker closed again is not counted as behind it: something else keeps it down.
 *
 * <p>Each finding cites what it rests on: the breaker's series and endpoint with the polls that bound the open
 * interval, and per probe the failed samples in it. Breaker instants have the poll interval as resolution, probe
 * instants are send times.
 */
public final class SharedBreakerFinding {

    private SharedBreakerFinding() {
    }

    public static List<String> find(List<BreakerTimeline> breakers, List<ProbeSample> samples,
            List<RecoveryTimeline> timelines, Instant windowEnd) {
        List<String> findings = new ArrayList<>();
        for (BreakerTimeline breaker : breakers) {
            for (OpenInterval open : openIntervals(breaker, windowEnd)) {
                finding(breaker, open, samples, timelines).ifPresent(findings::add);
            }
        }
        return findings;
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
            List<ProbeSample> samples, List<RecoveryTimeline> timelines) {
        Map<String, ProbeCount> byProbe = new LinkedHashMap<>();
        Set<String> failingWhileClosed = new TreeSet<>();
        for (ProbeSample s : samples) {
            if (open.contains(s.sentAt())) {
                byProbe.computeIfAbsent(s.probe(), p -> new ProbeCount()).add(s);
            } else if (!s.ok() && open.inClosedPeriod(s.sentAt(), breaker.resolutionMillis())) {
                failingWhileClosed.add(s.probe());
            }
        }
        // A probe that failed with the fault and passed for good while the breaker was still open reaches the
        // dependency some other way: it shows when the dependency was back, it is not behind the breaker.
        List<RecoveryTimeline> backEarly = timelines.stream()
                .filter(t -> t.detectedAt() != null && t.recoveredAt() != null)
                .filter(t -> t.recoveredAt().isAfter(open.opened().at()) && t.recoveredAt().isBefore(open.end()))
                .toList();
        Set<String> early = new TreeSet<>(backEarly.stream().map(RecoveryTimeline::probe).toList());
        // A probe that still failed once the breaker let calls through again fails for another reason (the
        // dependency itself is still down): the breaker is not what kept it down.
        List<String> behind = byProbe.entrySet().stream()
                .filter(e -> e.getValue().failed > 0 && !early.contains(e.getKey())
                        && !failingWhileClosed.contains(e.getKey()))
                .map(Map.Entry::getKey).toList();
        if (behind.size() < 2) {
            return java.util.Optional.empty();
        }
        StringBuilder f = new StringBuilder("shared circuit breaker: breaker ").append(breaker.breaker()).append(" (")
                .append(breaker.library()).append(") was open from ").append(open.opened().at()).append(" to ")
                .append(open.left() == null ? open.end() + " (still open when the window closed)" : open.end())
                .append(" (").append(seconds(open.opened().at(), open.end())).append("); probes ")
                .append(String.join(", ", behind)).append(" failed during it (");
        List<String> counts = new ArrayList<>();
        for (String probe : behind) {
            ProbeCount c = byProbe.get(probe);
            counts.add(probe + ": " + c.failed + " of " + c.total + " probes failed, sent " + c.firstFailed + " to "
                    + c.lastFailed);
        }
        f.append(String.join("; ", counts)).append(')');
        for (RecoveryTimeline t : distinctByProbe(backEarly)) {
            f.append("; probe ").append(t.probe()).append(", failing since fault ").append(t.faultId()).append(" on ")
                    .append(t.target().containerName()).append(", passed again from ").append(t.recoveredAt())
                    .append(", and the breaker stayed open ").append(seconds(t.recoveredAt(), open.end()))
                    .append(" after");
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
                .append(" ms (poll interval), probe samples by send time");
        return java.util.Optional.of(f.toString());
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

        void add(ProbeSample s) {
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

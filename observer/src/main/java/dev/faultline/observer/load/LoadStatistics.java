package dev.faultline.observer.load;

import dev.faultline.common.experiment.SuccessStatus;
import dev.faultline.common.verdict.FailureBreakdown;
import dev.faultline.common.verdict.LoadRoute;
import dev.faultline.common.verdict.LoadSecond;
import dev.faultline.common.verdict.LoadSummary;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Requests, failures and latency percentiles (nearest rank) of the load test's responses, overall, per route and
 * per second. A request fails when it got no answer or an answer whose status the experiment does not count as
 * success. Requests without an answer count in the percentiles too, at the time they took to fail (a timed-out one
 * at its timeout): leaving them out would hide the slowest requests of all.
 */
public final class LoadStatistics {

    /** The route of responses whose line does not name one (written before routes were recorded). */
    public static final String UNRECORDED_ROUTE = "(route not recorded)";

    private LoadStatistics() {
    }

    public static String method(SuccessStatus success) {
        return "load test (Artillery) responses, one line per request written by the Faultline Artillery plugin;"
                + " failed = no answer or a status other than " + success.describe() + "; requests answered (or"
                + " failed) from the first injection on and sent by the end of the window; percentiles by nearest"
                + " rank, requests without an answer included at the time they took to fail (a timeout at its"
                + " timeout); latency resolution 1 ms, buckets of 1 s by send time";
    }

    /** The summary of the fault window [from, to], per route, with per-second buckets over all responses. */
    public static LoadSummary summarize(List<LoadResponse> all, Instant from, Instant to, SuccessStatus success) {
        List<LoadResponse> window = all.stream()
                .filter(r -> r.inWindow(from, to))
                .toList();
        Figures overall = Figures.of(window, success);
        Map<String, List<LoadResponse>> byRoute = window.stream().collect(Collectors.groupingBy(
                r -> r.route() == null ? UNRECORDED_ROUTE : r.route(), TreeMap::new, Collectors.toList()));
        List<LoadRoute> routes = new ArrayList<>();
        byRoute.forEach((route, responses) -> {
            Figures f = Figures.of(responses, success);
            routes.add(new LoadRoute(route, f.requests, f.failed, f.ratePercent(), f.percentile(50),
                    f.percentile(95), f.percentile(99), f.statuses, f.failures));
        });
        return new LoadSummary(overall.requests, overall.failed, overall.ratePercent(), overall.percentile(50),
                overall.percentile(95), overall.percentile(99), 1, perSecond(all, success), method(success),
                overall.statuses, overall.failures, routes);
    }

    public static List<LoadSecond> perSecond(List<LoadResponse> all, SuccessStatus success) {
        Map<Instant, List<LoadResponse>> buckets = all.stream()
                .collect(Collectors.groupingBy(r -> r.at().truncatedTo(ChronoUnit.SECONDS), TreeMap::new,
                        Collectors.toList()));
        List<LoadSecond> seconds = new ArrayList<>();
        buckets.forEach((second, responses) -> {
            Figures f = Figures.of(responses, success);
            seconds.add(new LoadSecond(second, f.requests, f.failed, f.percentile(50), f.percentile(99), f.failures));
        });
        return seconds;
    }

    /** Latencies of every request, answered or not, sorted. */
    static long[] latencies(List<LoadResponse> responses) {
        long[] l = responses.stream().mapToLong(LoadResponse::latencyMillis).toArray();
        Arrays.sort(l);
        return l;
    }

    /** Nearest-rank percentile of sorted values; null when there are none. */
    public static Long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The figures of one set of responses. */
    private record Figures(long requests, long failed, long[] latencies, Map<Integer, Long> statuses,
            FailureBreakdown failures) {

        static Figures of(List<LoadResponse> responses, SuccessStatus success) {
            FailureBreakdown.Tally tally = new FailureBreakdown.Tally();
            Map<Integer, Long> statuses = new TreeMap<>();
            long failed = 0;
            for (LoadResponse r : responses) {
                if (r.answered()) {
                    statuses.merge(r.status(), 1L, Long::sum);
                }
                if (r.failed(success)) {
                    failed++;
                    tally.add(r.answered() ? r.status() : null, r.failureKind());
                }
            }
            return new Figures(responses.size(), failed, LoadStatistics.latencies(responses), statuses,
                    tally.breakdown());
        }

        double ratePercent() {
            return requests == 0 ? 0 : 100.0 * failed / requests;
        }

        Long percentile(double p) {
            return LoadStatistics.percentile(latencies, p);
        }
    }
}

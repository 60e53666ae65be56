package dev.faultline.observer.load;

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

/** Requests, errors and latency percentiles (nearest rank) of the load test's responses. */
public final class LoadStatistics {

    public static final String METHOD = "load test (Artillery) responses, one line per response written by the"
            + " Faultline afterResponse processor; error = no response or status >= 500; percentiles by nearest rank"
            + " over responses whose request was sent from the first injection to the end of the window; latency"
            + " resolution 1 ms, buckets of 1 s";

    private LoadStatistics() {
    }

    /** The summary of the fault window [from, to], with per-second buckets over all responses. */
    public static LoadSummary summarize(List<LoadResponse> all, Instant from, Instant to) {
        List<LoadResponse> window = all.stream()
                .filter(r -> !r.at().isBefore(from) && !r.at().isAfter(to))
                .toList();
        long errors = window.stream().filter(LoadResponse::error).count();
        long[] latencies = latencies(window);
        double rate = window.isEmpty() ? 0 : 100.0 * errors / window.size();
        return new LoadSummary(window.size(), errors, rate, percentile(latencies, 50), percentile(latencies, 95),
                percentile(latencies, 99), 1, perSecond(all), METHOD);
    }

    public static List<LoadSecond> perSecond(List<LoadResponse> all) {
        Map<Instant, List<LoadResponse>> buckets = all.stream()
                .collect(Collectors.groupingBy(r -> r.at().truncatedTo(ChronoUnit.SECONDS), TreeMap::new,
                        Collectors.toList()));
        List<LoadSecond> seconds = new ArrayList<>();
        buckets.forEach((second, responses) -> {
            long[] latencies = latencies(responses);
            seconds.add(new LoadSecond(second, responses.size(),
                    responses.stream().filter(LoadResponse::error).count(), percentile(latencies, 50),
                    percentile(latencies, 99)));
        });
        return seconds;
    }

    /** Latencies of the answered requests, sorted. */
    static long[] latencies(List<LoadResponse> responses) {
        long[] l = responses.stream().filter(r -> r.status() != 0).mapToLong(LoadResponse::latencyMillis).toArray();
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
}

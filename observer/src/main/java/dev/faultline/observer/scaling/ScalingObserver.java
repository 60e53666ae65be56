package dev.faultline.observer.scaling;

import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.Scaling;
import dev.faultline.common.validation.DurationText;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.observer.load.LoadResponse;
import dev.faultline.observer.patterns.MetricsPoll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Follows the {@code scaling:} section of the runs that have one: the service's replicas as they were when the run
 * started, and when it ends Docker's events for them, their state then and the autoscaler's activity feed; then
 * {@link ScalingJudge} adds the scaling report and its objectives to the verdict. The Docker client is made on first
 * use, so an observer without Docker runs every experiment without a scaling section.
 */
public final class ScalingObserver {

    private static final Logger LOG = Logger.getLogger(ScalingObserver.class);
    private static final Duration FEED_TIMEOUT = Duration.ofSeconds(5);

    private final Supplier<ReplicaSource> replicas;
    private final HttpClient http;
    private final Executor blocking;
    private final Map<String, CompletableFuture<List<ReplicaInfo>>> atStart = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<ReplicaSource.EventWatch>> watches = new ConcurrentHashMap<>();

    /**
     * @param replicas where replicas are read (made on first use)
     * @param blocking where the start's read runs, off the caller's thread
     */
    public ScalingObserver(Supplier<ReplicaSource> replicas, HttpClient http, Executor blocking) {
        this.replicas = replicas;
        this.http = http;
        this.blocking = blocking;
    }

    /** The run started: reads its service's replicas as they are now (asynchronously). */
    public void started(String runId, Experiment experiment) {
        Scaling scaling = experiment.scaling();
        if (scaling != null) {
            watches.put(runId, CompletableFuture.supplyAsync(() -> replicas.get().watch(scaling.labels()),
                    blocking));
            atStart.put(runId, CompletableFuture.supplyAsync(() -> replicas.get().replicas(scaling.labels()),
                    blocking));
        }
    }

    /** Forgets a run without judging it (abandoned). */
    public void forget(String runId) {
        atStart.remove(runId);
        CompletableFuture<ReplicaSource.EventWatch> watch = watches.remove(runId);
        if (watch != null) {
            watch.thenAccept(ReplicaSource.EventWatch::close);
        }
    }

    /**
     * The verdict with the run's scaling report and objectives; the verdict unchanged when the experiment has no
     * scaling section. Blocks (Docker, the feed): call it off the probe threads.
     */
    public RunVerdict addTo(RunVerdict verdict, Experiment experiment, Instant runStart, Instant windowEnd,
            List<FaultInjected> injections, List<LoadResponse> load, List<MetricsPoll> polls,
            long pollIntervalMillis) {
        Scaling scaling = experiment.scaling();
        CompletableFuture<List<ReplicaInfo>> start = atStart.remove(verdict.runId());
        CompletableFuture<ReplicaSource.EventWatch> watch = watches.remove(verdict.runId());
        if (scaling == null) {
            return verdict;
        }
        ScalingEvidence evidence = evidence(scaling, start, watch, runStart, windowEnd);
        String trigger;
        Instant triggerAt;
        if (scaling.triggerAfterLoadStart() != null) {
            trigger = "load step " + DurationText.format(scaling.triggerAfterLoadStart())
                    + " after the load test's first request";
            triggerAt = load.stream().map(LoadResponse::at).min(Comparator.naturalOrder())
                    .map(first -> first.plus(scaling.triggerAfterLoadStart())).orElse(null);
        } else {
            trigger = "first fault injected";
            triggerAt = injections.stream().map(FaultInjected::injectedAt).min(Comparator.naturalOrder())
                    .orElse(null);
        }
        ScalingJudge.Judgement judged = ScalingJudge.judge(scaling, evidence, trigger, triggerAt,
                experiment.loadBalancer(), polls, pollIntervalMillis, runStart, windowEnd, load,
                experiment.load() == null ? null : experiment.load().successStatus(),
                experiment.slos() == null ? null : experiment.slos().maxP99Latency());
        return verdict.withScaling(judged.report(), judged.checks(), judged.findings());
    }

    private ScalingEvidence evidence(Scaling scaling, CompletableFuture<List<ReplicaInfo>> start,
            CompletableFuture<ReplicaSource.EventWatch> watch, Instant runStart, Instant windowEnd) {
        List<ReplicaInfo> first = List.of();
        List<ReplicaInfo> last = List.of();
        List<ReplicaEvent> events = List.of();
        List<ReplicaInfo> started = List.of();
        String replicasError = null;
        try {
            first = start == null ? List.of() : start.get(30, TimeUnit.SECONDS);
            ReplicaSource source = replicas.get();
            Set<ReplicaEvent> all = new TreeSet<>(Comparator.comparing(ReplicaEvent::at)
                    .thenComparing(ReplicaEvent::id).thenComparing(ReplicaEvent::kind));
            if (watch != null) {
                try (ReplicaSource.EventWatch watched = watch.get(30, TimeUnit.SECONDS)) {
                    all.addAll(watched.events(runStart, windowEnd));
                    started = watched.started();
                }
            }
            all.addAll(source.events(scaling.labels(), runStart, windowEnd));
            events = List.copyOf(all);
            last = source.replicas(scaling.labels());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            replicasError = "interrupted";
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            replicasError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            LOG.warnf("scaling: replicas labelled %s could not be read: %s", scaling.labels(), replicasError);
        }
        List<ScalingActivity> activities = List.of();
        String activitiesError = null;
        if (scaling.activitiesUrl() != null) {
            try {
                activities = ScalingActivity.parse(fetch(scaling.activitiesUrl()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                activitiesError = "interrupted";
            } catch (Exception e) {
                activitiesError = e.getMessage();
                LOG.warnf("scaling: activity feed %s could not be read: %s", scaling.activitiesUrl(), e.getMessage());
            }
        }
        return new ScalingEvidence(first, last, events, activities, replicasError, activitiesError, started);
    }

    private String fetch(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(FEED_TIMEOUT)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("status " + response.statusCode());
        }
        return response.body();
    }
}

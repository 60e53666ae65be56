package dev.faultline.observer.telemetry;

import dev.faultline.common.verdict.Verdict;
import dev.faultline.observer.probe.ProbeSample;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The observer's own metrics (docs/metrics.md): probe latency and failures, runs observed, verdicts and breaches
 * published. (Not to be confused with {@code observer/metrics}, which reads the metrics of the system under test.)
 *
 * <p>Probe series are labelled by the probe's name, not by run id: a probe name comes from the experiment and repeats
 * from run to run, while a run id is new every run, so a label per run would add series without bound for the life of
 * the process (and of Prometheus's retention). What one run's probes did is in its verdict and report.
 */
@ApplicationScoped
public class ObserverMetrics {

    /**
     * Probe latency buckets: a healthy local HTTP answer takes milliseconds, an injected network delay hundreds of
     * them; probe timeouts are a few seconds.
     */
    static final Duration[] PROBE_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;

    @Inject
    public ObserverMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** For parts built by hand outside CDI (tests, benches): real meters that nobody scrapes. */
    public static ObserverMetrics discarding() {
        return new ObserverMetrics(new SimpleMeterRegistry());
    }

    /** How many runs are being observed now, read at each scrape. */
    public void watchActiveRuns(Supplier<Integer> activeRuns) {
        // A strong reference: Micrometer holds a gauge's object weakly, and nothing else holds this supplier.
        Gauge.builder("faultline.observer.runs.active", activeRuns, s -> s.get())
                .description("Runs this observer is probing now")
                .strongReference(true)
                .register(registry);
    }

    /** Every probe sample, whichever run it belongs to. */
    public void probed(ProbeSample sample) {
        Timer.builder("faultline.probe.latency")
                .description("From issuing a probe to its outcome (answer, timeout or refusal)")
                .tag("probe", sample.probe())
                .serviceLevelObjectives(PROBE_BUCKETS)
                .register(registry).record(Duration.ofMillis(sample.latencyMillis()));
        if (!sample.ok()) {
            Counter.builder("faultline.probe.failures")
                    .description("Probes whose condition did not hold, by what failed")
                    .tags("probe", sample.probe(), "failure", failure(sample))
                    .register(registry).increment();
        }
    }

    public void runObserved() {
        Counter.builder("faultline.observer.runs.observed").description("Runs this observer started observing")
                .register(registry).increment();
    }

    public void verdictPublished(Verdict verdict) {
        Counter.builder("faultline.observer.verdicts").description("Verdicts published")
                .tag("verdict", verdict.name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    public void sloBreached() {
        Counter.builder("faultline.observer.slo.breaches").description("SLO breaches published during runs")
                .register(registry).increment();
    }

    /** The failure's kind, or "status" for one decided by its HTTP status alone. */
    private static String failure(ProbeSample sample) {
        return sample.failure() != null ? sample.failure().label() : "status";
    }
}

package dev.faultline.reporter.telemetry;

import dev.faultline.common.verdict.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;

/**
 * The reporter's own metrics (docs/metrics.md): runs stored with their reports, report writes. The alert deliveries'
 * counter ({@code faultline_alert_deliveries_total}) belongs to reporter/alert, which records it itself.
 */
@ApplicationScoped
public class ReporterMetrics {

    /** Writing four report files of a run takes milliseconds; a slow disk or a huge run seconds. */
    static final Duration[] WRITE_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(5)};

    private final MeterRegistry registry;

    @Inject
    public ReporterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** For parts built by hand outside CDI (tests): real meters that nobody scrapes. */
    public static ReporterMetrics discarding() {
        return new ReporterMetrics(new SimpleMeterRegistry());
    }

    /** A run's reports were written: {@code took} for its files. */
    public void reportWritten(Duration took) {
        writes("written").increment();
        Timer.builder("faultline.reporter.report.write.duration").description("Writing a run's report files")
                .serviceLevelObjectives(WRITE_BUCKETS)
                .register(registry).record(took.isNegative() ? Duration.ZERO : took);
    }

    public void reportWriteFailed() {
        writes("failed").increment();
    }

    /** A run was marked COMPLETED in the store with its verdict and reports. */
    public void runStored(Verdict verdict) {
        Counter.builder("faultline.reporter.runs.stored").description("Runs completed in the store with their reports")
                .tag("verdict", verdict.name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    private Counter writes(String outcome) {
        return Counter.builder("faultline.reporter.report.writes").description("Report writes (a run's files)")
                .tag("outcome", outcome)
                .register(registry);
    }
}

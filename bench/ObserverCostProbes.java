import dev.faultline.common.experiment.AdaptiveProbing;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.observer.probe.ProbeSample;
import dev.faultline.observer.probe.ScheduledProbe;
import dev.faultline.observer.probe.ProbeScheduler;
import dev.faultline.observer.timeline.TimelineCalculator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import org.jboss.logmanager.LogContext;

/**
 * The observer's side of bench/observer-cost.sh, in a process of its own so that its CPU can be read from /proc by
 * pid: the observer's ProbeScheduler (one event loop for ticks and HTTP, adaptive probing with its cap) probing
 * every target URL given at its interval, and the observer's TimelineCalculator judging each outage afterwards. It
 * reads its orders on stdin, one a line, from ObserverCostBench:
 * <pre>
 *   plan INDEX INSTANT           a fault on target INDEX is planned at INSTANT: hasten its probe around it
 *   outage INDEX DOWN UP         target INDEX was down from DOWN to UP (the true instants), to judge at the end
 *   end                          stop probing, judge every outage, print the result, exit
 * </pre>
 * and prints {@code ready} once probing, then per outage a line and last {@code max_abs_error_ms=E outages=N
 * fast_probes=F}; E is {@code unseen} when an outage's recovery was not seen within its window.
 *
 * <p>Arguments: interval (ms), adaptive interval (ms, 0 = off), adaptive after (ms), then the target URLs.
 */
public final class ObserverCostProbes {

    public static void main(String[] args) throws Exception {
        long intervalMillis = Long.parseLong(args[0]);
        long adaptiveMillis = Long.parseLong(args[1]);
        long afterMillis = Long.parseLong(args[2]);
        List<String> urls = List.of(args).subList(3, args.length);
        AdaptiveProbing adaptive = adaptiveMillis > 0
                ? new AdaptiveProbing(true, Duration.ofMillis(adaptiveMillis), Duration.ofMillis(afterMillis))
                : AdaptiveProbing.OFF;
        // Logging as in the observer service, whose Quarkus logging sets the root level to INFO (quarkus.log.level).
        // Without it this plain process keeps Quarkus' start-up log configuration, which passes every level on:
        // the JDK HTTP client's debug lines (dozens a request) were formatted and buffered, most of the CPU measured.
        LogContext.getLogContext().getLogger("").setLevel(Level.INFO);
        Clock clock = Clock.systemUTC();
        ProbeScheduler scheduler = new ProbeScheduler(clock);
        Instant until = clock.instant().plus(Duration.ofHours(1)); // stopped by "end"; the bench bounds its run
        List<Queue<ProbeSample>> samples = new ArrayList<>();
        List<Queue<ProbeSample>> fastSamples = new ArrayList<>();
        List<ScheduledProbe> probes = new ArrayList<>();
        List<HttpProbe> specs = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            Queue<ProbeSample> regular = new ConcurrentLinkedQueue<>();
            Queue<ProbeSample> fast = new ConcurrentLinkedQueue<>();
            HttpProbe probe = new HttpProbe("target-" + i, urls.get(i), 200, Duration.ofMillis(intervalMillis),
                    Duration.ofMillis(1000));
            // spread over the interval, as independent runs' probes are
            Duration phase = Duration.ofNanos(intervalMillis * 1_000_000L * i / urls.size());
            probes.add(scheduler.start(probe, until, regular::add, phase, adaptive, fast::add));
            samples.add(regular);
            fastSamples.add(fast);
            specs.add(probe);
        }
        System.out.println("ready");
        System.out.flush();

        record Outage(int index, Instant down, Instant up) {
        }
        List<Outage> outages = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("end"); line = in.readLine()) {
            String[] words = line.split(" ");
            int index = Integer.parseInt(words[1]);
            if (words[0].equals("plan")) {
                Instant planned = Instant.parse(words[2]);
                // as the observer does around a step's planned instant (RunObserver.PLANNED_LEAD = 100 ms)
                probes.get(index).hasten(planned.minusMillis(100), planned.plus(adaptive.after()));
            } else {
                outages.add(new Outage(index, Instant.parse(words[2]), Instant.parse(words[3])));
            }
        }
        Runtime runtime = Runtime.getRuntime();
        System.err.printf("observer heap while probing: %d MB used of %d MB%n",
                (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20);
        for (ScheduledProbe probe : probes) {
            probe.stop().get();
        }
        scheduler.close();

        long worst = 0;
        boolean unseen = false;
        for (Outage outage : outages) {
            RecoveryTimeline t = TimelineCalculator.calculate("outage", new TargetRef("bench", "bench", "t"),
                    specs.get(outage.index()).name(), outage.down(), List.copyOf(samples.get(outage.index())),
                    List.copyOf(fastSamples.get(outage.index())), outage.up().plusMillis(600), intervalMillis);
            if (t.detectedAt() == null || t.recoveredAt() == null) {
                System.out.printf("target %d: outage from %s not seen (detected %s, recovered %s)%n", outage.index(),
                        outage.down(), t.detectedAt(), t.recoveredAt());
                unseen = true;
                continue;
            }
            long trueMicros = Duration.between(outage.down(), outage.up()).toNanos() / 1000;
            long measuredMicros = Duration.between(t.detectedAt(), t.recoveredAt()).toNanos() / 1000;
            long error = Math.round((measuredMicros - trueMicros) / 1000.0);
            worst = Math.max(worst, Math.abs(error));
            System.out.printf("target %3d: true outage %6.1f ms, measured %6.1f ms, error %+4d ms (resolution:"
                    + " detection %d ms, recovery %d ms)%n", outage.index(), trueMicros / 1000.0,
                    measuredMicros / 1000.0, error, t.detectionResolutionMillis(), t.recoveryResolutionMillis());
        }
        System.out.printf("max_abs_error_ms=%s outages=%d fast_probes=%d%n", unseen ? "unseen" : worst,
                outages.size(), scheduler.fastProbesIssued());
        System.out.flush();
        System.exit(0);
    }
}

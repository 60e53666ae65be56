package dev.faultline.systemtests;

import java.time.Duration;

/** Experiment documents that several system tests run. */
final class Experiments {

    /** The fault of {@link #containerKill}: SIGKILL, the container comes back by its restart policy. */
    static final String SIGKILL = """
            fault:
              type: container-kill
              signal: SIGKILL
            """;

    private Experiments() {
    }

    /**
     * 8 s after a 2 s warm-up: SIGKILL of the container {@code targetName}, one HTTP probe of {@code probeUrl}, and
     * objectives any restart within 30 s meets (recovery within 30 s, availability at least 50 %).
     */
    static String containerKill(String name, String probe, String probeUrl, Duration interval, String targetName) {
        return OneFault.on(name, probeUrl, targetName).probe(probe, interval).yaml();
    }

    /**
     * One fault step on one container, watched by one HTTP probe, with objectives on recovery (30 s) and
     * availability: the shape of the system tests' experiments, each part changed by its own {@code with}.
     *
     * @param fault the fault step's lines after its target ({@code fault:} and, for a lasting fault, its
     *              {@code duration:}), as in {@link #SIGKILL}
     * @param extra top-level sections after {@code slos:}, e.g. a {@code load:}; empty for none
     * @param timeout the probe's timeout
     */
    record OneFault(String name, String duration, String warmup, String probe, String probeUrl, Duration interval,
            String target, String fault, int minAvailabilityPercent, String extra, Duration timeout) {

        /** SIGKILL of {@code target} for 8 s after a 2 s warm-up, probed every 250 ms, availability 50 %. */
        static OneFault on(String name, String probeUrl, String target) {
            return new OneFault(name, "8s", "2s", "target-health", probeUrl, Duration.ofMillis(250), target, SIGKILL,
                    50, "", Duration.ofSeconds(1));
        }

        OneFault probe(String probeName, Duration every) {
            return new OneFault(name, duration, warmup, probeName, probeUrl, every, target, fault,
                    minAvailabilityPercent, extra, timeout);
        }

        OneFault timing(String window, String warmUp) {
            return new OneFault(name, window, warmUp, probe, probeUrl, interval, target, fault,
                    minAvailabilityPercent, extra, timeout);
        }

        OneFault withFault(String step) {
            return new OneFault(name, duration, warmup, probe, probeUrl, interval, target, step,
                    minAvailabilityPercent, extra, timeout);
        }

        OneFault minAvailability(int percent) {
            return new OneFault(name, duration, warmup, probe, probeUrl, interval, target, fault, percent, extra,
                    timeout);
        }

        OneFault with(String sections) {
            return new OneFault(name, duration, warmup, probe, probeUrl, interval, target, fault,
                    minAvailabilityPercent, sections, timeout);
        }

        /** The probe's timeout (1 s unless set): an answer later than it is a failed probe. */
        OneFault probeTimeout(Duration limit) {
            return new OneFault(name, duration, warmup, probe, probeUrl, interval, target, fault,
                    minAvailabilityPercent, extra, limit);
        }

        String yaml() {
            return """
                    name: %s
                    duration: %s
                    steadyState:
                      warmup: %s
                      probes:
                        - name: %s
                          url: %s
                          interval: %dms
                          timeout: %dms
                    faults:
                      - target:
                          selector: {name: %s}
                    %sslos:
                      maxRecoveryTime: 30s
                      minAvailabilityPercent: %d
                    %s""".formatted(name, duration, warmup, probe, probeUrl, interval.toMillis(), timeout.toMillis(), target,
                    fault.indent(4), minAvailabilityPercent, extra);
        }
    }
}

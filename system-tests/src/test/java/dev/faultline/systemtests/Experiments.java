package dev.faultline.systemtests;

import java.time.Duration;

/** Experiment documents that several system tests run. */
final class Experiments {

    private Experiments() {
    }

    /**
     * 8 s after a 2 s warm-up: SIGKILL of the container {@code targetName}, one HTTP probe of {@code probeUrl}, and
     * objectives any restart within 30 s meets (recovery within 30 s, availability at least 50 %).
     */
    static String containerKill(String name, String probe, String probeUrl, Duration interval, String targetName) {
        return """
                name: %s
                duration: 8s
                steadyState:
                  warmup: 2s
                  probes:
                    - name: %s
                      url: %s
                      interval: %dms
                      timeout: 1s
                faults:
                  - target:
                      selector: {name: %s}
                    fault:
                      type: container-kill
                      signal: SIGKILL
                slos:
                  maxRecoveryTime: 30s
                  minAvailabilityPercent: 50
                """.formatted(name, probe, probeUrl, interval.toMillis(), targetName);
    }
}

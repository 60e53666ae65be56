package dev.faultline.observer.service;

import dev.faultline.common.verdict.ServiceRecovery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Says how each targeted service came back: its service RTO and how it was known, or that it did not get back to
 * its desired healthy count, or that it could not be sampled. Findings, not objectives: the probes' recovery and
 * SLOs judge the run.
 */
public final class ServiceRecoveryFinding {

    private ServiceRecoveryFinding() {
    }

    public static List<String> find(List<ServiceRecovery> recoveries, List<ServiceSamples> samples) {
        List<String> findings = new ArrayList<>();
        for (int i = 0; i < recoveries.size(); i++) {
            ServiceRecovery r = recoveries.get(i);
            ServiceSamples s = samples.get(i);
            String name = r.service().describe();
            if (s.snapshots().isEmpty()) {
                findings.add(name + " was never sampled" + (s.misses().isEmpty() ? "" : ": " + s.misses().get(0)));
                continue;
            }
            if (r.injectedAt() == null) {
                findings.add(name + ": no fault hit one of its replicas, so its recovery was not measured");
                continue;
            }
            if (r.recovered()) {
                findings.add(String.format(Locale.ROOT, "%s: %d of %d replicas hit; back to %d healthy %.1f s after the"
                        + " injection (service RTO, %s)%s", name, r.replicasHit(), r.desired(), r.desired(),
                        r.serviceRtoMillis() / 1000.0, how(r.backToDesired().resolutionMillis(),
                                r.backToDesired().source()), started(r)));
            } else if (r.notRecovered()) {
                findings.add(name + ": not back to its " + r.desired() + " healthy replicas by the end of the window"
                        + " (fewest healthy: " + r.minHealthy() + ")" + started(r));
            }
            if (s.missed() > 0) {
                findings.add(name + ": " + s.missed() + " sample(s) missed, e.g. " + s.misses().get(0));
            }
        }
        return findings;
    }

    private static String started(ServiceRecovery r) {
        if (r.replacementStarted() == null) {
            return "; no replacement started";
        }
        String text = String.format(Locale.ROOT, "; first replacement started %.1f s after it",
                Duration.between(r.injectedAt(), r.replacementStarted().at()).toMillis() / 1000.0);
        if (r.replacementHealthy() != null) {
            text += String.format(Locale.ROOT, ", healthy %.1f s after it",
                    Duration.between(r.injectedAt(), r.replacementHealthy().at()).toMillis() / 1000.0);
        }
        return text;
    }

    static String how(long resolutionMillis, String source) {
        return resolutionMillis == 0 ? "Docker's instant (" + source + ")"
                : "to one sampling interval of " + resolutionMillis + " ms";
    }
}

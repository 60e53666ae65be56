package dev.faultline.cli.progress;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One poll of a run (the orchestrator's RunView JSON), reduced to what the progress display shows. Read from JSON
 * rather than bound to the server's records so that a server older than the live-progress fields ({@code phase},
 * {@code reverted}, {@code breaches}, {@code progress}) or newer than this CLI still reads: what is absent is
 * shown as unknown or derived from what is there.
 *
 * @param phase         the server's phase, or the one derived from the state and the run's instants
 * @param liveProbes    whether the server sends the observer's live probe states at all ({@code progress})
 * @param verdict       the verdict JSON, null until judged
 */
public record RunSnapshot(String runId, String experiment, String state, String phase, Instant injectAt,
        Instant observeUntil, Instant endedAt, List<Fault> faults, boolean liveProbes, List<Probe> probes,
        List<Breach> breaches, String abortReason, JsonNode verdict) {

    public static final String WARM_UP = "warm-up";
    public static final String FAULTS = "faults";
    public static final String OBSERVING = "observing";
    public static final String JUDGING = "judging";
    public static final String COMPLETED = "completed";
    public static final String ABORTED = "aborted";

    /** A planned fault and what became of it. Instants and texts are null until they happen. */
    public record Fault(String faultId, String type, String target, Instant injectedAt, Instant revertedAt,
            String revertCause, String failure) {
    }

    /** A probe as the observer saw it at its last sample. */
    public record Probe(String name, String state, Double availabilityPercent, int samples, int failed,
            String lastError) {
    }

    /** An objective already lost while the run goes on. */
    public record Breach(String objective, String detail, Instant at) {
    }

    public boolean terminal() {
        return "COMPLETED".equals(state) || "ABORTED".equals(state);
    }

    /** The verdict's PASS or FAIL, null before the verdict. */
    public String verdictName() {
        return verdict == null ? null : verdict.path("verdict").asText(null);
    }

    /** Reads a RunView as of {@code now} (which decides the phase only when the server does not say it). */
    public static RunSnapshot of(JsonNode run, Instant now) {
        Map<String, Fault> faults = new LinkedHashMap<>();
        for (JsonNode planned : run.path("plan")) {
            String id = planned.path("faultId").asText();
            faults.put(id, new Fault(id, planned.path("fault").path("type").asText("?"),
                    targetName(planned.path("target")), null, null, null, null));
        }
        for (JsonNode injected : run.path("injected")) {
            Fault f = fault(faults, injected);
            faults.put(f.faultId(), new Fault(f.faultId(), f.type(), f.target(), instant(injected.path("injectedAt")),
                    f.revertedAt(), f.revertCause(), f.failure()));
        }
        for (JsonNode reverted : run.path("reverted")) {
            Fault f = fault(faults, reverted);
            faults.put(f.faultId(), new Fault(f.faultId(), f.type(), f.target(), f.injectedAt(),
                    instant(reverted.path("revertedAt")), reverted.path("cause").asText(null), f.failure()));
        }
        for (JsonNode failed : run.path("failed")) {
            Fault f = fault(faults, failed);
            faults.put(f.faultId(), new Fault(f.faultId(), f.type(), f.target(), f.injectedAt(), f.revertedAt(),
                    f.revertCause(), failed.path("detail").asText(failed.path("reason").asText("failed"))));
        }
        List<Probe> probes = new ArrayList<>();
        JsonNode progress = run.path("progress");
        for (JsonNode p : progress.path("probes")) {
            JsonNode availability = p.path("availabilityPercent");
            probes.add(new Probe(p.path("probe").asText("?"), p.path("state").asText("none"),
                    availability.isNumber() ? availability.asDouble() : null, p.path("samples").asInt(),
                    p.path("failed").asInt(), text(p.path("lastError"))));
        }
        List<Breach> breaches = new ArrayList<>();
        for (JsonNode b : run.path("breaches")) {
            breaches.add(new Breach(b.path("objective").asText("?"), text(b.path("detail")),
                    instant(b.path("timestamp"))));
        }
        String state = run.path("state").asText("?");
        Instant injectAt = instant(run.path("injectAt"));
        Instant observeUntil = instant(run.path("observeUntil"));
        String phase = text(run.path("phase"));
        List<Fault> faultList = List.copyOf(faults.values());
        if (phase == null) {
            phase = derivedPhase(state, injectAt, observeUntil, faultList, now);
        }
        JsonNode verdict = run.path("verdict");
        return new RunSnapshot(run.path("runId").asText("?"), run.path("experimentName").asText("?"), state, phase,
                injectAt, observeUntil, instant(run.path("endedAt")), faultList,
                run.has("progress"), List.copyOf(probes), List.copyOf(breaches), text(run.path("abortReason")),
                verdict.isObject() ? verdict : null);
    }

    /**
     * The phase as a server without {@code phase} implies it: from the state, then from the run's instants. Lasting
     * faults' ends are not known to it, so "faults" lasts until every planned fault was injected or failed.
     */
    static String derivedPhase(String state, Instant injectAt, Instant observeUntil, List<Fault> faults,
            Instant now) {
        switch (state) {
            case "COMPLETED":
                return COMPLETED;
            case "ABORTED":
                return ABORTED;
            case "FINISHED":
                return JUDGING;
            default:
                break;
        }
        if (injectAt != null && now.isBefore(injectAt)) {
            return WARM_UP;
        }
        if (observeUntil != null && !now.isBefore(observeUntil)) {
            return JUDGING;
        }
        boolean pending = faults.stream().anyMatch(f -> f.injectedAt() == null && f.failure() == null);
        return pending ? FAULTS : OBSERVING;
    }

    private static Fault fault(Map<String, Fault> faults, JsonNode event) {
        String id = event.path("faultId").asText();
        Fault known = faults.get(id);
        return known != null ? known : new Fault(id, event.path("faultType").asText("?"),
                targetName(event.path("target")), null, null, null, null);
    }

    private static String targetName(JsonNode target) {
        String name = text(target.path("containerName"));
        return name != null ? name : target.path("containerId").asText("?");
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static Instant instant(JsonNode node) {
        String text = text(node);
        return text == null ? null : Instant.parse(text);
    }
}

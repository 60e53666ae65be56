package dev.faultline.reporter.report;

import static dev.faultline.reporter.report.Html.coordinate;
import static dev.faultline.reporter.report.Html.escape;

import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.verdict.BreakerTimeline;
import dev.faultline.common.verdict.BreakerTransition;
import dev.faultline.common.verdict.LoadSecond;
import dev.faultline.common.verdict.LoadSummary;
import dev.faultline.common.verdict.ProbeLane;
import dev.faultline.common.verdict.ServiceCount;
import dev.faultline.common.verdict.ServiceMark;
import dev.faultline.common.verdict.ServiceRecovery;
import dev.faultline.common.verdict.ProbeSegment;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.ScalingReport;
import dev.faultline.common.target.TargetRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The run as one inline SVG: time on x in seconds from the run's start, one lane per probe (its samples' segments,
 * with each timeline's detection and recovery marked and their resolution stated), one lane per target the platform
 * or the load balancer reported on, one lane per targeted service (its healthy count against its desired count, with
 * its replacement and back-to-desired instants), one lane per circuit breaker, the fault windows across all lanes, and below, on
 * the same x, the load test's requests, error rate and p99 per second.
 *
 * <p>Every element a reader (or a test) looks for carries a class and data attributes: {@code data-lane} on lanes,
 * {@code class="fault-window"} with {@code data-injected-at}/{@code data-reverted-at}, {@code data-at} (ISO instants)
 * on markers, {@code data-from}/{@code data-to} on segments, {@code data-seconds} on the axis' ticks.
 */
final class TimelineChart {

    static final double WIDTH = 1200;
    static final double GUTTER = 200;
    static final double RIGHT = 24;
    static final double TOP = 30;
    static final double LANE_HEIGHT = 46;
    static final double LANE_GAP = 6;
    static final double BAR_HEIGHT = 16;
    static final double AXIS_HEIGHT = 34;
    static final double LOAD_CHART_HEIGHT = 54;
    static final double LOAD_CHART_GAP = 10;
    static final double SCALING_CHART_HEIGHT = 80;
    /** Candidate tick steps in seconds: the smallest that keeps the axis to at most 12 ticks is used. */
    private static final double[] TICK_STEPS = {0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600};
    /** What fits the gutter in the lanes' bold 12 px labels; the full name is in the label's tooltip. */
    private static final int LABEL_CHARS = 24;

    /** A fault as the agents reported it: from its FaultInjected to its FaultReverted (null while not reverted). */
    record FaultWindow(String faultId, String faultType, TargetRef target, Instant injectedAt, Instant revertedAt) {
    }

    private record Mark(String kind, String label, Instant at) {
    }

    private final RunReport report;
    private final RunVerdict verdict;
    private final Instant origin;
    private final Instant end;
    private final List<FaultWindow> faults;
    private final StringBuilder svg = new StringBuilder();

    private TimelineChart(RunReport report) {
        this.report = report;
        this.verdict = report.verdict();
        this.faults = faultWindows(report.events());
        List<Instant> instants = instants().toList();
        this.origin = report.startedAt()
                .orElseGet(() -> instants.stream().min(Instant::compareTo).orElse(verdict.timestamp()));
        Instant last = Stream.concat(instants.stream(), report.finishedAt().stream())
                .max(Instant::compareTo).orElse(origin);
        this.end = last.isAfter(origin) ? last : origin.plusSeconds(1);
    }

    /** Whether the run left anything to draw: lanes, faults or load. */
    static boolean hasContent(RunReport report) {
        RunVerdict verdict = report.verdict();
        return !verdict.probeLanes().isEmpty() || !verdict.timelines().isEmpty() || !verdict.breakers().isEmpty()
                || !verdict.services().isEmpty() || !faultWindows(report.events()).isEmpty()
                || (verdict.load() != null && !verdict.load().perSecond().isEmpty())
                || (verdict.scaling() != null && !verdict.scaling().points().isEmpty());
    }

    static String render(RunReport report) {
        return new TimelineChart(report).draw();
    }

    static List<FaultWindow> faultWindows(List<ChaosEvent> events) {
        Map<String, FaultWindow> windows = new LinkedHashMap<>();
        for (ChaosEvent event : events) {
            if (event instanceof FaultInjected e) {
                windows.putIfAbsent(e.faultId() + "\u0000" + e.target(),
                        new FaultWindow(e.faultId(), e.faultType(), e.target(), e.injectedAt(), null));
            }
        }
        for (ChaosEvent event : events) {
            if (event instanceof FaultReverted e) {
                windows.computeIfPresent(e.faultId() + "\u0000" + e.target(), (key, w) -> w.revertedAt() != null ? w
                        : new FaultWindow(w.faultId(), w.faultType(), w.target(), w.injectedAt(), e.revertedAt()));
            }
        }
        return List.copyOf(windows.values());
    }

    private Stream<Instant> instants() {
        Stream.Builder<Instant> all = Stream.builder();
        for (ProbeLane lane : verdict.probeLanes()) {
            for (ProbeSegment s : lane.segments()) {
                all.add(s.from());
                all.add(s.to().plusMillis(lane.intervalMillis()));
            }
        }
        for (FaultWindow f : faults) {
            all.add(f.injectedAt());
            if (f.revertedAt() != null) {
                all.add(f.revertedAt());
            }
        }
        for (RecoveryTimeline t : verdict.timelines()) {
            Stream.of(t.injectedAt(), t.detectedAt(), t.recoveredAt(), t.routedAwayAt(), t.platformDownAt(),
                    t.platformUpAt(), t.platformHealthyAt()).filter(Objects::nonNull).forEach(all::add);
        }
        for (BreakerTimeline b : verdict.breakers()) {
            b.transitions().forEach(t -> all.add(t.at()));
        }
        for (ServiceRecovery service : verdict.services()) {
            service.counts().forEach(c -> all.add(c.at()));
            Stream.of(service.replacementStarted(), service.replacementHealthy(), service.backToDesired())
                    .filter(Objects::nonNull).forEach(m -> all.add(m.at()));
        }
        if (verdict.load() != null) {
            verdict.load().perSecond().forEach(s -> all.add(s.second().plusSeconds(1)));
        }
        if (verdict.scaling() != null) {
            verdict.scaling().points().forEach(p -> all.add(p.at()));
            verdict.scaling().events().forEach(e -> all.add(e.at()));
        }
        return all.build();
    }

    private double x(Instant at) {
        double total = Duration.between(origin, end).toNanos();
        double offset = Duration.between(origin, at).toNanos();
        double clamped = Math.max(0, Math.min(total, offset));
        return GUTTER + clamped / total * plotWidth();
    }

    private static double plotWidth() {
        return WIDTH - GUTTER - RIGHT;
    }

    private static double laneY(int index) {
        return TOP + index * (LANE_HEIGHT + LANE_GAP);
    }

    private String draw() {
        List<ProbeLane> probeLanes = probeLanes();
        List<TargetRef> targets = platformTargets();
        int lanes = probeLanes.size() + targets.size() + verdict.services().size() + verdict.breakers().size();
        double lanesBottom = laneY(lanes) - LANE_GAP;
        LoadSummary load = verdict.load();
        boolean hasLoad = load != null && !load.perSecond().isEmpty();
        double loadTop = lanesBottom + AXIS_HEIGHT + 8;
        double loadBottom = hasLoad ? loadTop + 3 * (LOAD_CHART_HEIGHT + LOAD_CHART_GAP) - LOAD_CHART_GAP : lanesBottom;
        boolean hasScaling = verdict.scaling() != null && !verdict.scaling().points().isEmpty();
        double scalingTop = (hasLoad ? loadBottom : lanesBottom) + AXIS_HEIGHT + 8;
        double scalingBottom = scalingTop + SCALING_CHART_HEIGHT;
        double height = (hasScaling ? scalingBottom : hasLoad ? loadBottom : lanesBottom) + AXIS_HEIGHT + 4;

        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" id=\"timeline-chart\" viewBox=\"0 0 ")
                .append(coordinate(WIDTH)).append(' ').append(coordinate(height))
                .append("\" preserveAspectRatio=\"xMinYMin meet\" role=\"img\" data-origin=\"").append(origin)
                .append("\" data-end=\"").append(end).append("\" aria-label=\"Timeline of run ")
                .append(escape(report.runId())).append("\">\n");
        grid(lanesBottom, hasLoad ? loadBottom : lanesBottom);
        int index = 0;
        for (ProbeLane lane : probeLanes) {
            probeLane(lane, laneY(index++));
        }
        for (TargetRef target : targets) {
            targetLane(target, laneY(index++));
        }
        for (ServiceRecovery service : verdict.services()) {
            serviceLane(service, laneY(index++));
        }
        for (BreakerTimeline breaker : verdict.breakers()) {
            breakerLane(breaker, laneY(index++));
        }
        // Over the lanes, translucent: what the probes saw inside a window stays visible through it.
        faultWindows(lanesBottom);
        axis(lanesBottom, "lanes");
        if (hasLoad) {
            List<LoadSecond> seconds = load.perSecond();
            loadChart("requests", "requests / s", seconds, s -> s.requests(), "", loadTop);
            loadChart("error-rate", "error rate", seconds,
                    s -> s.requests() == 0 ? 0 : 100.0 * s.errors() / s.requests(), " %",
                    loadTop + LOAD_CHART_HEIGHT + LOAD_CHART_GAP);
            loadChart("p99", "p99 latency", seconds, s -> s.p99Millis() == null ? 0 : s.p99Millis(), " ms",
                    loadTop + 2 * (LOAD_CHART_HEIGHT + LOAD_CHART_GAP));
            axis(loadBottom, "load");
        }
        if (hasScaling) {
            scalingChart(verdict.scaling(), scalingTop);
            axis(scalingBottom, "scaling");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** The verdict's lanes; for a verdict written before lanes existed, an empty lane per timeline's probe. */
    private List<ProbeLane> probeLanes() {
        if (!verdict.probeLanes().isEmpty()) {
            return verdict.probeLanes();
        }
        return verdict.timelines().stream().map(RecoveryTimeline::probe).distinct()
                .map(probe -> new ProbeLane(probe, verdict.probeIntervalMillis(), List.of())).toList();
    }

    /** Targets with an instant from the platform (Docker) or the load balancer: each gets a lane of its own. */
    private List<TargetRef> platformTargets() {
        return verdict.timelines().stream()
                .filter(t -> t.platformDownAt() != null || t.platformUpAt() != null || t.platformHealthyAt() != null
                        || t.routedAwayAt() != null)
                .map(RecoveryTimeline::target).distinct().toList();
    }

    private void grid(double lanesBottom, double bottom) {
        svg.append("<g class=\"grid\">\n");
        for (double seconds : ticks()) {
            double x = x(origin.plusNanos((long) (seconds * 1e9)));
            svg.append("<line class=\"grid-line\" x1=\"").append(coordinate(x)).append("\" x2=\"")
                    .append(coordinate(x)).append("\" y1=\"").append(coordinate(TOP)).append("\" y2=\"")
                    .append(coordinate(bottom)).append("\"/>\n");
        }
        svg.append("</g>\n");
    }

    private void faultWindows(double lanesBottom) {
        int n = 0;
        for (FaultWindow f : faults) {
            double from = x(f.injectedAt());
            double to = x(f.revertedAt() == null ? end : f.revertedAt());
            svg.append("<g class=\"fault\" data-fault=\"").append(escape(f.faultId())).append("\" data-target=\"")
                    .append(escape(f.target().toString())).append("\">");
            svg.append("<rect class=\"fault-window").append(f.revertedAt() == null ? " not-reverted" : "")
                    .append("\" data-fault=\"").append(escape(f.faultId()))
                    .append("\" data-injected-at=\"").append(f.injectedAt())
                    .append("\" data-reverted-at=\"").append(f.revertedAt() == null ? "" : f.revertedAt().toString())
                    .append("\" x=\"").append(coordinate(from)).append("\" y=\"").append(coordinate(TOP - 6))
                    .append("\" width=\"").append(coordinate(Math.max(1.5, to - from))).append("\" height=\"")
                    .append(coordinate(lanesBottom - TOP + 6)).append("\"/>");
            // Labels of several faults go on alternating rows so that near ones stay readable.
            svg.append("<text class=\"fault-label\" x=\"").append(coordinate(from + 3)).append("\" y=\"")
                    .append(coordinate(n % 2 == 0 ? TOP - 10 : TOP - 20)).append("\"><title>")
                    .append(escape(f.faultType() + " on " + f.target() + ": injected " + instant(f.injectedAt())
                            + (f.revertedAt() == null ? ", not reverted" : ", reverted " + instant(f.revertedAt()))))
                    .append("</title>")
                    .append(escape(shorten(f.faultType() + " → " + f.target().containerName(), 48))).append("</text></g>\n");
            n++;
        }
    }

    private void laneFrame(String kind, String name, String label, String title, double y) {
        svg.append("<g class=\"lane ").append(kind).append("\" data-lane=\"").append(escape(name)).append("\">")
                .append("<rect class=\"lane-bg\" x=\"").append(coordinate(GUTTER)).append("\" y=\"")
                .append(coordinate(y)).append("\" width=\"").append(coordinate(plotWidth())).append("\" height=\"")
                .append(coordinate(LANE_HEIGHT)).append("\"/>")
                .append("<text class=\"lane-label\" x=\"").append(coordinate(GUTTER - 8)).append("\" y=\"")
                .append(coordinate(y + BAR_HEIGHT / 2 + 8)).append("\"><title>").append(escape(title))
                .append("</title>").append(escape(shorten(label, LABEL_CHARS))).append("</text>\n");
    }

    private void probeLane(ProbeLane lane, double y) {
        laneFrame("probe-lane", lane.probe(), lane.probe(), "probe " + lane.probe() + ", every "
                + ReportFormat.duration(lane.intervalMillis()), y);
        if (lane.segments().isEmpty()) {
            text("lane-note", GUTTER + 6, y + BAR_HEIGHT, "no samples in this verdict");
        }
        for (ProbeSegment s : lane.segments()) {
            // A sample stands for its interval: the next sample is the earliest the state can be known to change.
            double from = x(s.from());
            double to = x(s.to().plusMillis(lane.intervalMillis()));
            svg.append("<rect class=\"segment ").append(s.state()).append("\" data-state=\"").append(s.state())
                    .append("\" data-from=\"").append(s.from()).append("\" data-to=\"").append(s.to())
                    .append("\" data-samples=\"").append(s.samples()).append("\" x=\"").append(coordinate(from))
                    .append("\" y=\"").append(coordinate(y + 4)).append("\" width=\"")
                    .append(coordinate(Math.max(1, to - from))).append("\" height=\"").append(coordinate(BAR_HEIGHT))
                    .append("\"><title>").append(escape(s.state() + ", " + s.samples() + " sample(s) sent "
                            + instant(s.from()) + " to " + instant(s.to())))
                    .append("</title></rect>\n");
        }
        LabelRows labels = new LabelRows(y + BAR_HEIGHT + 13, y + BAR_HEIGHT + 25);
        // Several faults seen by one probe often end alike ("never failed" twice): each outcome is written once.
        Set<String> outcomes = new HashSet<>();
        for (RecoveryTimeline t : verdict.timelines()) {
            if (t.probe().equals(lane.probe())) {
                recoveryMarkers(t, y, labels, outcomes);
            }
        }
        svg.append("</g>\n");
    }

    /** Detection and recovery of one timeline on its probe's lane, each with its resolution. */
    private void recoveryMarkers(RecoveryTimeline t, double y, LabelRows labels, Set<String> outcomes) {
        // each transition with its own resolution: finer where adaptive probing probed fast around it
        RecoveryTimeline.Recovery outcome = t.recovery();
        if (t.detectedAt() != null) {
            marker("detected", t, t.detectedAt(), y + 2, y + BAR_HEIGHT + 6,
                    "detected " + ReportFormat.duration(t.timeToDetectMillis(), "?") + " ±"
                            + t.detectionResolution() + " ms", true, labels);
        }
        if (t.recoveredAt() != null && outcome == RecoveryTimeline.Recovery.RECOVERED) {
            marker("recovered", t, t.recoveredAt(), y + 2, y + BAR_HEIGHT + 6,
                    "recovered " + ReportFormat.duration(t.timeToRecoverMillis(), "?") + " ±"
                            + t.recoveryResolution() + " ms", false, labels);
        } else if (outcome != RecoveryTimeline.Recovery.RECOVERED && outcomes.add(outcome.words())) {
            text("outcome-label", x(t.injectedAt()) + 3, y + LANE_HEIGHT - 3, outcome.words());
        }
    }

    private void targetLane(TargetRef target, double y) {
        laneFrame("target-lane", "target:" + target, target.containerName(),
                target + " as the platform (Docker) and the load balancer reported it", y);
        LabelRows labels = new LabelRows(y + 13, y + 27, y + 41);
        // Each probe has its own timeline of the same fault, with the same platform and routing instants: one mark.
        Set<Mark> drawn = new HashSet<>();
        for (RecoveryTimeline t : verdict.timelines()) {
            if (!t.target().equals(target)) {
                continue;
            }
            String platform = " (Docker)";
            String routed = t.metricsResolutionMillis() == null ? "" : " ±" + t.metricsResolutionMillis() + " ms";
            List<Mark> marks = Stream.of(new Mark("platform-down", "down" + platform, t.platformDownAt()),
                    new Mark("platform-up", "up" + platform, t.platformUpAt()),
                    new Mark("platform-healthy", "healthy" + platform, t.platformHealthyAt()),
                    new Mark("routed-away", "routed away" + routed, t.routedAwayAt()))
                    .filter(m -> m.at() != null).toList();
            for (Mark mark : marks) {
                if (drawn.add(mark)) {
                    marker(mark.kind(), t, mark.at(), y + 2, y + LANE_HEIGHT - 2, mark.label(), false, labels);
                }
            }
        }
        svg.append("</g>\n");
    }

    /**
     * A targeted service's lane: its healthy count against its desired count over the run (one segment per change
     * of the sampled counts: whole, short of desired, or none healthy), with replacement started, replacement healthy
     * and back to desired marked, each with its resolution.
     */
    private void serviceLane(ServiceRecovery service, double y) {
        String name = service.service().name();
        laneFrame("service-lane", "service:" + name, name, service.service().describe() + ": healthy of desired"
                + " replicas, sampled every " + ReportFormat.duration(service.intervalMillis()), y);
        List<ServiceCount> counts = service.counts();
        if (counts.isEmpty()) {
            text("lane-note", GUTTER + 6, y + BAR_HEIGHT, "never sampled");
        }
        for (int i = 0; i < counts.size(); i++) {
            ServiceCount c = counts.get(i);
            Instant until = i + 1 < counts.size() ? counts.get(i + 1).at() : end;
            double from = x(c.at());
            double to = x(until);
            String state = c.healthy() >= c.desired() ? "whole" : c.healthy() == 0 ? "none" : "short";
            String count = c.healthy() + "/" + c.desired();
            svg.append("<rect class=\"service-segment state-").append(state).append("\" data-healthy=\"")
                    .append(c.healthy()).append("\" data-running=\"").append(c.running()).append("\" data-desired=\"")
                    .append(c.desired()).append("\" data-from=\"").append(c.at()).append("\" data-to=\"")
                    .append(until).append("\" x=\"").append(coordinate(from)).append("\" y=\"")
                    .append(coordinate(y + 4)).append("\" width=\"").append(coordinate(Math.max(1, to - from)))
                    .append("\" height=\"").append(coordinate(BAR_HEIGHT)).append("\"><title>")
                    .append(escape(c.healthy() + " healthy of " + c.desired() + " desired (" + c.running()
                            + " running) from " + instant(c.at()) + " (sampled every " + service.intervalMillis()
                            + " ms)")).append("</title></rect>\n");
            if (to - from > 8 * count.length()) {
                text("service-label", from + 4, y + BAR_HEIGHT + 1, count);
            }
        }
        LabelRows labels = new LabelRows(y + 27, y + 41);
        String data = "data-service=\"" + escape(service.service().describe()) + "\"";
        if (service.replacementStarted() != null) {
            marker("service-started", data, service.replacementStarted().at(), y + 2, y + LANE_HEIGHT - 2,
                    "replacement started" + resolution(service.replacementStarted()), false, labels);
        }
        if (service.replacementHealthy() != null) {
            marker("service-healthy", data, service.replacementHealthy().at(), y + 2, y + LANE_HEIGHT - 2,
                    "replacement healthy" + resolution(service.replacementHealthy()), false, labels);
        }
        if (service.backToDesired() != null) {
            marker("service-back", data, service.backToDesired().at(), y + 2, y + LANE_HEIGHT - 2,
                    "back to " + service.desired() + " healthy: RTO "
                            + ReportFormat.duration(service.serviceRtoMillis(), "?")
                            + resolution(service.backToDesired()), false, labels);
        }
        svg.append("</g>\n");
    }

    /** Docker's own instant, or a sample's to within its interval. */
    private static String resolution(ServiceMark mark) {
        return mark.resolutionMillis() == 0 ? " (Docker)" : " ±" + mark.resolutionMillis() + " ms";
    }

    /** A vertical tick at {@code at} from y1 to y2, labelled right of it (or left of it) where its lane has room. */
    private void marker(String kind, RecoveryTimeline t, Instant at, double y1, double y2, String label,
            boolean leftOfTick, LabelRows labels) {
        marker(kind, "data-fault=\"" + escape(t.faultId()) + "\" data-target=\"" + escape(t.target().toString())
                + "\"", at, y1, y2, label, leftOfTick, labels);
    }

    /** The same, with the given data attributes naming what it marks. */
    private void marker(String kind, String data, Instant at, double y1, double y2, String label,
            boolean leftOfTick, LabelRows labels) {
        double x = x(at);
        svg.append("<g class=\"marker ").append(kind).append("\" data-at=\"").append(at).append("\" ")
                .append(data).append("><line x1=\"").append(coordinate(x)).append("\" x2=\"").append(coordinate(x))
                .append("\" y1=\"").append(coordinate(y1)).append("\" y2=\"").append(coordinate(y2))
                .append("\"/><title>").append(escape(label + " at " + instant(at))).append("</title>");
        double width = LabelRows.width(label);
        double[] place = labels.place(leftOfTick ? x - 4 - width : x + 4, width);
        svg.append("<text class=\"marker-label\" x=\"").append(coordinate(place[0])).append("\" y=\"")
                .append(coordinate(place[1])).append("\" text-anchor=\"start\">").append(escape(label))
                .append("</text></g>\n");
    }

    /**
     * The text rows of one lane and what is already written on each, so that labels of nearby markers (a restart's
     * down and up are often a fraction of a second apart) go on another row instead of over each other.
     */
    static final class LabelRows {
        /** Average advance of an 11 px sans-serif character, in chart units. */
        private static final double CHAR_WIDTH = 6.2;
        private final double[] rowY;
        private final List<List<double[]>> taken = new ArrayList<>();

        LabelRows(double... rowY) {
            this.rowY = rowY;
            for (double ignored : rowY) {
                taken.add(new ArrayList<>());
            }
        }

        static double width(String label) {
            return label.length() * CHAR_WIDTH;
        }

        /** Where a label wanted at {@code x}..{@code x + width} goes: {x, y}. */
        double[] place(double x, double width) {
            double start = Math.max(GUTTER + 2, Math.min(x, WIDTH - RIGHT - width));
            for (int row = 0; row < rowY.length; row++) {
                if (free(row, start, start + width)) {
                    return take(row, start, width);
                }
            }
            // No row has room: after the last label of the row that ends first.
            int best = 0;
            double bestEnd = Double.MAX_VALUE;
            for (int row = 0; row < rowY.length; row++) {
                double end = taken.get(row).stream().mapToDouble(r -> r[1]).max().orElse(0);
                if (end < bestEnd) {
                    bestEnd = end;
                    best = row;
                }
            }
            // Still inside the chart: a label cut off by its edge would say nothing.
            return take(best, Math.min(Math.max(start, bestEnd + 6), WIDTH - width), width);
        }

        private boolean free(int row, double from, double to) {
            return taken.get(row).stream().noneMatch(r -> from < r[1] + 6 && to > r[0] - 6);
        }

        private double[] take(int row, double start, double width) {
            taken.get(row).add(new double[] {start, start + width});
            return new double[] {start, rowY[row]};
        }
    }

    private void breakerLane(BreakerTimeline breaker, double y) {
        laneFrame("breaker-lane", "breaker:" + breaker.breaker(), "breaker " + breaker.breaker(),
                "circuit breaker " + breaker.breaker() + " (" + breaker.library() + ", " + breaker.series()
                        + "), polled every " + ReportFormat.duration(breaker.resolutionMillis()), y);
        List<BreakerTransition> transitions = breaker.transitions();
        if (transitions.isEmpty()) {
            text("lane-note", GUTTER + 6, y + BAR_HEIGHT, "its series never appeared");
        }
        for (int i = 0; i < transitions.size(); i++) {
            BreakerTransition t = transitions.get(i);
            Instant until = i + 1 < transitions.size() ? transitions.get(i + 1).at() : end;
            double from = x(t.at());
            double to = x(until);
            String state = t.state().replaceAll("[^a-z-]", "");
            svg.append("<rect class=\"breaker-segment state-").append(state).append("\" data-state=\"")
                    .append(escape(t.state())).append("\" data-from=\"").append(t.at()).append("\" data-to=\"")
                    .append(until).append("\" x=\"").append(coordinate(from)).append("\" y=\"")
                    .append(coordinate(y + 4)).append("\" width=\"").append(coordinate(Math.max(1, to - from)))
                    .append("\" height=\"").append(coordinate(BAR_HEIGHT)).append("\"><title>")
                    .append(escape(t.state() + " from " + instant(t.at()) + " (first poll that showed it, ±"
                            + breaker.resolutionMillis() + " ms)")).append("</title></rect>\n");
            if (to - from > 8 * t.state().length()) {
                text("breaker-label", from + 4, y + BAR_HEIGHT + 17, t.state());
            }
        }
        svg.append("</g>\n");
    }

    private void loadChart(String name, String label, List<LoadSecond> seconds, ToDoubleFunction<LoadSecond> value,
            String unit, double top) {
        double max = seconds.stream().mapToDouble(value).max().orElse(0);
        svg.append("<g class=\"load-chart\" data-chart=\"").append(name).append("\" data-max=\"")
                .append(coordinate(max)).append("\">")
                .append("<rect class=\"chart-bg\" x=\"").append(coordinate(GUTTER)).append("\" y=\"")
                .append(coordinate(top)).append("\" width=\"").append(coordinate(plotWidth())).append("\" height=\"")
                .append(coordinate(LOAD_CHART_HEIGHT)).append("\"/>\n");
        text("chart-label", GUTTER - 8, top + 16, label, "end");
        text("chart-scale", GUTTER - 8, top + 32, "max " + number(max) + unit, "end");
        for (LoadSecond s : seconds) {
            double v = value.applyAsDouble(s);
            double h = max <= 0 ? 0 : v / max * (LOAD_CHART_HEIGHT - 4);
            double from = x(s.second());
            double to = x(s.second().plusSeconds(1));
            svg.append("<rect class=\"bar\" data-at=\"").append(s.second()).append("\" data-value=\"")
                    .append(coordinate(v)).append("\" x=\"").append(coordinate(from + 0.5)).append("\" y=\"")
                    .append(coordinate(top + LOAD_CHART_HEIGHT - h)).append("\" width=\"")
                    .append(coordinate(Math.max(0.5, to - from - 1))).append("\" height=\"").append(coordinate(h))
                    .append("\"><title>").append(escape(instant(s.second()) + ": " + number(v) + unit + " ("
                            + s.requests() + " requests, " + s.errors() + " failed)"))
                    .append("</title></rect>\n");
        }
        svg.append("</g>\n");
    }

    /**
     * The service's replica counts as step lines (running, healthy, desired, in the load balancer) with a mark at
     * every scaling activity, its cause in the mark's title.
     */
    private void scalingChart(ScalingReport scaling, double top) {
        List<ScalingReport.Point> points = scaling.points();
        int max = points.stream().mapToInt(p -> Math.max(Math.max(p.running(), p.healthy()),
                Math.max(p.desired() == null ? 0 : p.desired(), p.inLoadBalancer() == null ? 0 : p.inLoadBalancer())))
                .max().orElse(0);
        svg.append("<g class=\"scaling-chart\" data-max=\"").append(max).append("\">")
                .append("<rect class=\"chart-bg\" x=\"").append(coordinate(GUTTER)).append("\" y=\"")
                .append(coordinate(top)).append("\" width=\"").append(coordinate(plotWidth())).append("\" height=\"")
                .append(coordinate(SCALING_CHART_HEIGHT)).append("\"/>\n");
        text("chart-label", GUTTER - 8, top + 16, "replicas", "end");
        text("chart-scale", GUTTER - 8, top + 32, "max " + max, "end");
        text("chart-scale", GUTTER - 8, top + 48, "healthy, running,", "end");
        text("chart-scale", GUTTER - 8, top + 62, "desired, in LB", "end");
        stepLine(points, "healthy", ScalingReport.Point::healthy, max, top);
        stepLine(points, "running", ScalingReport.Point::running, max, top);
        if (points.stream().anyMatch(p -> p.desired() != null)) {
            stepLine(points, "desired", p -> p.desired() == null ? 0 : p.desired(), max, top);
        }
        if (points.stream().anyMatch(p -> p.inLoadBalancer() != null)) {
            stepLine(points, "in-load-balancer", p -> p.inLoadBalancer() == null ? 0 : p.inLoadBalancer(), max, top);
        }
        for (ScalingReport.Event e : scaling.events()) {
            if (!e.kind().startsWith("scal")) {
                continue;
            }
            double x = x(e.at());
            svg.append("<line class=\"scaling-event kind-").append(escape(e.kind())).append("\" data-at=\"")
                    .append(e.at()).append("\" x1=\"").append(coordinate(x)).append("\" x2=\"").append(coordinate(x))
                    .append("\" y1=\"").append(coordinate(top)).append("\" y2=\"")
                    .append(coordinate(top + SCALING_CHART_HEIGHT)).append("\"><title>")
                    .append(escape(instant(e.at()) + " " + e.kind() + ": " + (e.cause() == null ? "" : e.cause())))
                    .append("</title></line>\n");
        }
        if (scaling.triggerAt() != null) {
            double x = x(scaling.triggerAt());
            svg.append("<line class=\"scaling-trigger\" data-at=\"").append(scaling.triggerAt()).append("\" x1=\"")
                    .append(coordinate(x)).append("\" x2=\"").append(coordinate(x)).append("\" y1=\"")
                    .append(coordinate(top)).append("\" y2=\"").append(coordinate(top + SCALING_CHART_HEIGHT))
                    .append("\"><title>").append(escape("trigger: " + scaling.trigger() + " at "
                            + instant(scaling.triggerAt()))).append("</title></line>\n");
        }
        svg.append("</g>\n");
    }

    private void stepLine(List<ScalingReport.Point> points, String series,
            java.util.function.ToIntFunction<ScalingReport.Point> value, int max, double top) {
        StringBuilder path = new StringBuilder();
        double scale = max <= 0 ? 0 : (SCALING_CHART_HEIGHT - 8) / max;
        for (int i = 0; i < points.size(); i++) {
            ScalingReport.Point p = points.get(i);
            double y = top + SCALING_CHART_HEIGHT - 4 - value.applyAsInt(p) * scale;
            double from = x(p.at());
            double to = i + 1 < points.size() ? x(points.get(i + 1).at()) : x(end);
            path.append(i == 0 ? "M" : "L").append(coordinate(from)).append(' ').append(coordinate(y))
                    .append(" L").append(coordinate(to)).append(' ').append(coordinate(y)).append(' ');
        }
        svg.append("<path class=\"scaling-line series-").append(series).append("\" data-series=\"").append(series)
                .append("\" fill=\"none\" d=\"").append(path.toString().strip()).append("\"><title>")
                .append(escape(series + " replicas")).append("</title></path>\n");
    }

    private void axis(double y, String name) {
        svg.append("<g class=\"axis\" data-axis=\"").append(name).append("\" data-origin=\"").append(origin)
                .append("\"><line class=\"axis-line\" x1=\"").append(coordinate(GUTTER)).append("\" x2=\"")
                .append(coordinate(WIDTH - RIGHT)).append("\" y1=\"").append(coordinate(y + 2)).append("\" y2=\"")
                .append(coordinate(y + 2)).append("\"/>\n");
        for (double seconds : ticks()) {
            double x = x(origin.plusNanos((long) (seconds * 1e9)));
            svg.append("<g class=\"tick\" data-seconds=\"").append(number(seconds)).append("\"><line x1=\"")
                    .append(coordinate(x)).append("\" x2=\"").append(coordinate(x)).append("\" y1=\"")
                    .append(coordinate(y + 2)).append("\" y2=\"").append(coordinate(y + 7)).append("\"/><text x=\"")
                    .append(coordinate(x)).append("\" y=\"").append(coordinate(y + 19))
                    .append("\" text-anchor=\"middle\">").append(number(seconds)).append(" s</text></g>\n");
        }
        text("axis-title", GUTTER - 16, y + 19, "s from run start", "end");
        svg.append("</g>\n");
    }

    private List<Double> ticks() {
        double total = Duration.between(origin, end).toNanos() / 1e9;
        double step = TICK_STEPS[TICK_STEPS.length - 1];
        for (double candidate : TICK_STEPS) {
            if (total / candidate <= 12) {
                step = candidate;
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; i * step <= total + 1e-9; i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    private void text(String kind, double x, double y, String words) {
        text(kind, x, y, words, "start");
    }

    private void text(String kind, double x, double y, String words, String anchor) {
        svg.append("<text class=\"").append(kind).append("\" x=\"").append(coordinate(x)).append("\" y=\"")
                .append(coordinate(y)).append("\" text-anchor=\"").append(anchor).append("\">").append(escape(words))
                .append("</text>\n");
    }

    private static String instant(Instant at) {
        return ReportFormat.instant(at, "");
    }

    /** {@code 12}, {@code 2.5}, {@code 0.125}: as few digits as the value needs. */
    private static String number(double value) {
        if (value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        return new java.math.BigDecimal(value).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}

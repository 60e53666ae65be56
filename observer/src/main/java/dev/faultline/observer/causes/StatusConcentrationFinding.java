package dev.faultline.observer.causes;

import dev.faultline.common.experiment.SuccessStatus;
import dev.faultline.observer.load.LoadResponse;
import dev.faultline.observer.probe.ProbeSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A cause, not a symptom: the failed answers of one status came almost all from one route of the load (or one
 * probe), so the defect sits behind that route — its fallback, its handler, its dependency — and not in the system
 * as a whole. "GET /api/orders answered 405 66 times" is what an engineer opens the code of that route for, where an
 * overall error rate only says that something failed.
 *
 * <p>Load routes and probes are two populations and judged apart: a route is compared with the other routes, a
 * probe with the other probes. Only answers count (a timeout has no status), and only failed ones: a status the
 * experiment counts as success is never a cause. Each finding cites its counts, the share and the send times of the
 * first and last such answer, so it can be checked against the load's results file or the probe samples.
 */
public final class StatusConcentrationFinding {

    /** The share of a status's failed answers one subject must have for the status to be "its" status. */
    static final double CONCENTRATION = 0.8;
    /** Fewer failed answers of a status than this are noise, not a pattern. */
    static final int MIN_ANSWERS = 5;

    private StatusConcentrationFinding() {
    }

    /**
     * @param windowSamples probe samples of the fault window (answered in it)
     * @param windowLoad    load responses of the fault window (answered in it); those without a route are left out
     * @param loadSuccess   the statuses the load counts as success; null when there was no load test
     */
    public static List<String> find(List<ProbeSample> windowSamples, List<LoadResponse> windowLoad,
            SuccessStatus loadSuccess) {
        List<String> findings = new ArrayList<>();
        if (loadSuccess != null) {
            findings.addAll(concentrated("route", "requests", "the load's results, by send time",
                    windowLoad.stream().filter(r -> r.route() != null)
                            .map(r -> new Answer(r.route(), r.at(), r.answered() ? r.status() : null,
                                    r.failed(loadSuccess)))
                            .toList()));
        }
        findings.addAll(concentrated("probe", "probes", "the probe samples, by send time",
                windowSamples.stream().map(s -> new Answer(s.probe(), s.sentAt(), s.status(), s.failed())).toList()));
        return findings;
    }

    /** One request or probe: who sent it, when, the status it got (null without an answer), whether it failed. */
    private record Answer(String subject, Instant sentAt, Integer status, boolean failed) {
    }

    private static List<String> concentrated(String kind, String unit, String evidence, List<Answer> answers) {
        Map<String, Long> totals = answers.stream()
                .collect(Collectors.groupingBy(Answer::subject, LinkedHashMap::new, Collectors.counting()));
        if (totals.size() < 2) {
            // With one route (or probe) the status breakdown already says everything: there is nothing to single out.
            return List.of();
        }
        Map<Integer, List<Answer>> failedByStatus = answers.stream()
                .filter(a -> a.failed() && a.status() != null)
                .collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.toList()));
        List<String> findings = new ArrayList<>();
        failedByStatus.forEach((status, failed) -> {
            if (failed.size() < MIN_ANSWERS) {
                return;
            }
            Map<String, List<Answer>> bySubject = failed.stream()
                    .collect(Collectors.groupingBy(Answer::subject, LinkedHashMap::new, Collectors.toList()));
            Map.Entry<String, List<Answer>> top = bySubject.entrySet().stream()
                    .max(Map.Entry.comparingByValue(java.util.Comparator.comparingInt(List::size))).orElseThrow();
            int mine = top.getValue().size();
            if (mine < CONCENTRATION * failed.size()) {
                return;
            }
            String subject = top.getKey();
            List<Instant> sent = top.getValue().stream().map(Answer::sentAt).sorted().toList();
            long subjectTotal = totals.get(subject);
            StringBuilder f = new StringBuilder("failures concentrated on one ").append(kind).append(": ")
                    .append(kind).append(' ').append(subject).append(" answered ").append(status).append(' ')
                    .append(mine).append(mine == 1 ? " time" : " times").append(" (")
                    .append(mine == failed.size() ? "all " + mine : mine + " of " + failed.size())
                    .append(" failed answers with status ").append(status).append(", ")
                    .append(percent(mine, subjectTotal)).append(" of its ").append(subjectTotal).append(' ')
                    .append(unit).append(" in the fault window), sent ").append(sent.get(0)).append(" to ")
                    .append(sent.get(sent.size() - 1));
            List<String> others = bySubject.entrySet().stream().filter(e -> !e.getKey().equals(subject))
                    .map(e -> e.getKey() + " ×" + e.getValue().size()).toList();
            f.append(others.isEmpty() ? "; no other " + kind + " got it"
                    : "; the other " + kind + "s got it " + (failed.size() - mine) + " times (" + String.join(", ", others)
                            + ")");
            f.append("; evidence: ").append(evidence).append(", answered in the fault window");
            findings.add(f.toString());
        });
        return findings;
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }
}

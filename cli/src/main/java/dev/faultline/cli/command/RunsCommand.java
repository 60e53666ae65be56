package dev.faultline.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.ExitCode;
import dev.faultline.cli.FaultlineCli;
import dev.faultline.cli.text.Formats;
import dev.faultline.cli.text.TextTable;
import dev.faultline.cli.verdict.VerdictTable;
import dev.faultline.common.verdict.ResilienceScore;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code runs [--experiment NAME] [--last N]}: the runs the orchestrator knows, newest first. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List runs, newest first: state, verdict, objectives met and resilience score.")
public class RunsCommand implements Callable<Integer> {

    @ParentCommand
    FaultlineCli cli;

    @Option(names = "--experiment", paramLabel = "NAME", description = "only runs of this experiment")
    String experiment;

    @Option(names = "--last", paramLabel = "N", defaultValue = "20",
            description = "at most this many runs (default: ${DEFAULT-VALUE})")
    int last;

    @Override
    public Integer call() {
        List<JsonNode> runs = cli.api().runs(experiment, last);
        ZoneId zone = cli.environment().clock().getZone();
        PrintWriter out = cli.environment().out();
        List<String> lines = render(runs, experiment, last, zone);
        lines.forEach(out::println);
        out.flush();
        return ExitCode.PASS;
    }

    /**
     * The table. The filter and the limit are applied here too: a server older than run history answers every run
     * in memory, unordered, whatever the query says.
     */
    static List<String> render(List<JsonNode> runs, String experiment, int last, ZoneId zone) {
        List<JsonNode> shown = runs.stream()
                .filter(r -> experiment == null || experiment.equals(r.path("experimentName").asText()))
                .sorted(Comparator.comparing((JsonNode r) -> createdAt(r)).reversed())
                .limit(Math.max(0, last)).toList();
        if (shown.isEmpty()) {
            return List.of(experiment == null ? "No runs." : "No runs of " + experiment + ".");
        }
        TextTable table = new TextTable("run", "experiment", "created", "state", "verdict", "objectives met", "score");
        for (JsonNode run : shown) {
            JsonNode verdict = run.path("verdict");
            table.row(run.path("runId").asText(), run.path("experimentName").asText(),
                    Formats.dateTime(createdAt(run).equals(Instant.EPOCH) ? null : createdAt(run), zone),
                    run.path("state").asText(), verdict.path("verdict").asText(null), objectivesMet(verdict),
                    score(verdict));
        }
        return table.lines("");
    }

    private static String objectivesMet(JsonNode verdict) {
        if (!verdict.isObject()) {
            return null;
        }
        int total = verdict.path("slos").size();
        int met = 0;
        for (JsonNode slo : verdict.path("slos")) {
            met += "PASS".equals(slo.path("status").asText()) ? 1 : 0;
        }
        return met + " of " + total;
    }

    /** The resilience score (docs/verdict.md); none for a run without a verdict, or one this CLI cannot read. */
    private static String score(JsonNode verdict) {
        if (!verdict.isObject()) {
            return null;
        }
        try {
            return String.valueOf(ResilienceScore.of(VerdictTable.read(verdict)).score());
        } catch (IllegalArgumentException unreadable) {
            return "?";
        }
    }

    private static Instant createdAt(JsonNode run) {
        String text = run.path("createdAt").asText(null);
        return text == null ? Instant.EPOCH : Instant.parse(text);
    }
}

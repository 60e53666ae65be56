package dev.faultline.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.ExitCode;
import dev.faultline.cli.FaultlineCli;
import dev.faultline.cli.progress.ProgressScreen;
import dev.faultline.cli.progress.RunSnapshot;
import dev.faultline.cli.text.Formats;
import dev.faultline.cli.verdict.VerdictTable;
import dev.faultline.common.json.ChaosJson;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code show RUN [--json]}: one run's state, faults, timeline and verdict. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a run: its state and phase, its faults with their instants, its probes and breaches, "
                + "and its verdict.")
public class ShowCommand implements Callable<Integer> {

    @ParentCommand
    FaultlineCli cli;

    @Parameters(paramLabel = "RUN", description = "the run id")
    String runId;

    @Option(names = "--json", description = "the orchestrator's JSON view of the run, as it is")
    boolean json;

    @Override
    public Integer call() throws Exception {
        JsonNode view = cli.api().run(runId);
        PrintWriter out = cli.environment().out();
        if (json) {
            out.println(ChaosJson.messages().writerWithDefaultPrettyPrinter().writeValueAsString(view));
        } else {
            render(view, cli.environment().clock().instant(), cli.environment().clock().getZone())
                    .forEach(out::println);
        }
        out.flush();
        return ExitCode.PASS;
    }

    static List<String> render(JsonNode view, Instant now, ZoneId zone) {
        RunSnapshot run = RunSnapshot.of(view, now);
        List<String> lines = new ArrayList<>(ProgressScreen.render(run, now, zone));
        lines.add(2, "State " + run.state() + "  created " + Formats.dateTime(instant(view, "createdAt"), zone)
                + "  first injection " + Formats.clock(run.injectAt(), zone) + "  observed until "
                + Formats.clock(run.observeUntil(), zone) + "  ended " + Formats.clock(run.endedAt(), zone));
        lines.add("");
        if (run.abortReason() != null) {
            lines.add("Aborted: " + run.abortReason());
        }
        if (run.verdict() != null) {
            lines.addAll(VerdictTable.render(VerdictTable.read(run.verdict())));
        } else if (!run.terminal()) {
            lines.add("No verdict yet.");
        }
        return lines;
    }

    private static Instant instant(JsonNode view, String field) {
        String text = view.path(field).asText(null);
        return text == null ? null : Instant.parse(text);
    }
}

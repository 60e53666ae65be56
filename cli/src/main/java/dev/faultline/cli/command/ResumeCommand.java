package dev.faultline.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.ExitCode;
import dev.faultline.cli.FaultlineCli;
import dev.faultline.cli.text.Formats;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code resume}: lifts the latch a halt set, so that schedules start runs again. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"After a halt: let schedules start runs again from their next occurrence (POST /api/v1/resume, "
                + "role operator). The occurrences skipped while halted stay skipped; the runs the halt aborted are "
                + "not restarted.",
                "Pausing and resuming one schedule: ./faultline schedule pause|resume ID."})
public class ResumeCommand implements Callable<Integer> {

    @ParentCommand
    FaultlineCli cli;

    @Override
    public Integer call() {
        JsonNode answer = cli.api().resume();
        PrintWriter out = cli.environment().out();
        if (answer.path("wasHalted").asBoolean()) {
            JsonNode latch = answer.path("released");
            out.println("Halt lifted by " + answer.path("operator").asText() + " at "
                    + Formats.dateTime(instant(answer, "resumedAt"), cli.environment().clock().getZone())
                    + ": the halt of " + latch.path("operator").asText("?") + " ("
                    + latch.path("reason").asText("") + ", engaged "
                    + Formats.dateTime(instant(latch, "engagedAt"), cli.environment().clock().getZone()) + ").");
            out.println("Schedules start runs again from their next occurrence; the runs the halt aborted are not "
                    + "restarted.");
        } else {
            out.println("Faultline was not halted: nothing to lift (" + answer.path("operator").asText() + ").");
        }
        out.flush();
        return ExitCode.PASS;
    }

    private static Instant instant(JsonNode node, String field) {
        String text = node.path(field).asText(null);
        return text == null ? null : Instant.parse(text);
    }
}

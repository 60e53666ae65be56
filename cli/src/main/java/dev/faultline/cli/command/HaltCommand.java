package dev.faultline.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.ExitCode;
import dev.faultline.cli.FaultlineCli;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code halt [REASON]}: the emergency stop. */
@Command(name = "halt", mixinStandardHelpOptions = true,
        description = "Emergency stop: every agent reverts every fault it has in effect, every run still going is "
                + "aborted (POST /api/v1/halt, role operator).")
public class HaltCommand implements Callable<Integer> {

    static final String DEFAULT_REASON = "operator halt via ./faultline halt";

    @ParentCommand
    FaultlineCli cli;

    @Parameters(paramLabel = "REASON", arity = "0..*", description = "why (recorded in the audit log and the runs)")
    List<String> reason = new ArrayList<>();

    @Override
    public Integer call() {
        String why = reason.isEmpty() ? DEFAULT_REASON : String.join(" ", reason);
        JsonNode answer = cli.api().halt(why);
        PrintWriter out = cli.environment().out();
        List<String> aborted = new ArrayList<>();
        answer.path("abortedRuns").forEach(r -> aborted.add(r.asText()));
        out.println("HALT sent (HaltAll " + answer.path("haltMessageId").asText() + " at "
                + answer.path("haltedAt").asText() + ", by " + answer.path("operator").asText() + ": "
                + answer.path("reason").asText() + ")");
        out.println(aborted.isEmpty() ? "No run was going on." : "Aborted runs: " + String.join(", ", aborted));
        out.println("Every agent reverts its faults and answers with fault-reverted (cause halted) and agent-halted "
                + "events on chaos-events.");
        // Servers before schedules do not say; then there is nothing to lift.
        JsonNode held = answer.path("schedulesHeld");
        if (held.isBoolean()) {
            out.println(held.booleanValue()
                    ? "Schedules are held (every orchestrator skips their occurrences) until ./faultline resume."
                    : "Schedules are held on the orchestrator that took the halt only (the halt latch could not be "
                            + "stored), until ./faultline resume there.");
        }
        out.flush();
        return ExitCode.PASS;
    }
}

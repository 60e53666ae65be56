package dev.faultline.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.ExitCode;
import dev.faultline.cli.FaultlineCli;
import dev.faultline.cli.text.TextTable;
import dev.faultline.common.json.ChaosJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code agents [--json]}: the agents the orchestrator has heard from and the targets each reports. */
@Command(name = "agents", mixinStandardHelpOptions = true,
        description = "List the agents the orchestrator has heard from, whether they are live, and their targets.")
public class AgentsCommand implements Callable<Integer> {

    @ParentCommand
    FaultlineCli cli;

    @Option(names = "--json", description = "the orchestrator's answer as it is")
    boolean json;

    @Override
    public Integer call() throws Exception {
        JsonNode agents = cli.api().agents();
        PrintWriter out = cli.environment().out();
        if (json) {
            out.println(ChaosJson.messages().writerWithDefaultPrettyPrinter().writeValueAsString(agents));
        } else {
            render(agents).forEach(out::println);
        }
        out.flush();
        return ExitCode.PASS;
    }

    static List<String> render(JsonNode agents) {
        if (agents.isEmpty()) {
            return List.of("No agent has reported to the orchestrator (on this machine: ./faultline services start "
                    + "runs one).");
        }
        TextTable table = new TextTable("agent", "host", "live", "last heartbeat", "targets (running of opted in)");
        for (JsonNode agent : agents) {
            List<String> running = new ArrayList<>();
            agent.path("containers").forEach(c -> {
                if ("running".equals(c.path("state").asText())) {
                    running.add(c.path("name").asText());
                }
            });
            table.row(agent.path("agentId").asText(), agent.path("hostname").asText(null),
                    agent.path("live").asBoolean() ? "yes" : "no", agent.path("lastHeartbeat").asText(null),
                    running.size() + " of " + agent.path("containers").size()
                            + (running.isEmpty() ? "" : ": " + String.join(", ", running)));
        }
        return table.lines("");
    }
}

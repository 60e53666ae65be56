package dev.faultline.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.cli.ExitCode;
import dev.faultline.cli.FaultlineCli;
import dev.faultline.cli.text.TextTable;
import dev.faultline.common.fault.FaultSpec;
import dev.faultline.common.json.ChaosJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code faults [--json]}: every fault type of the contract and which live agents can run it, from the
 * capabilities each agent reports in its heartbeat. (Without a running orchestrator, {@code ./faultline faults}
 * asks this host's agent instead: deploy/faults.sh.)
 */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = {"Every fault type and which live agents can run it (and why not), as the agents report it.",
                "Without a running stack, ./faultline faults asks this host's injector-agent instead."})
public class FaultsCommand implements Callable<Integer> {

    @ParentCommand
    FaultlineCli cli;

    @Option(names = "--json", description = "per type, each live agent's answer: [{type, agents: [{agentId, "
            + "supported, reason}]}]")
    boolean json;

    @Override
    public Integer call() throws Exception {
        JsonNode agents = cli.api().agents();
        PrintWriter out = cli.environment().out();
        if (json) {
            out.println(ChaosJson.messages().writerWithDefaultPrettyPrinter().writeValueAsString(matrix(agents)));
        } else {
            render(agents).forEach(out::println);
        }
        out.flush();
        return ExitCode.PASS;
    }

    /** Per fault type (the contract's and any an agent knows beyond it), each live agent's capability. */
    static ArrayNode matrix(JsonNode agents) {
        List<JsonNode> live = liveAgents(agents);
        TreeSet<String> types = new TreeSet<>(FaultSpec.knownTypes());
        live.forEach(a -> a.path("capabilities").path("faults").fieldNames().forEachRemaining(types::add));
        ArrayNode matrix = ChaosJson.messages().createArrayNode();
        for (String type : types) {
            ObjectNode row = matrix.addObject().put("type", type);
            ArrayNode answers = row.putArray("agents");
            for (JsonNode agent : live) {
                ObjectNode answer = answers.addObject().put("agentId", agent.path("agentId").asText());
                JsonNode capabilities = agent.path("capabilities");
                JsonNode capability = capabilities.path("faults").path(type);
                if (!capabilities.isObject()) {
                    answer.putNull("supported").put("reason", "the agent reports no capabilities (older agent)");
                } else if (capability.isMissingNode()) {
                    answer.put("supported", false).put("reason", "the agent does not know this fault type");
                } else {
                    answer.put("supported", capability.path("available").asBoolean())
                            .put("reason", capability.path("detail").asText());
                }
            }
        }
        return matrix;
    }

    static List<String> render(JsonNode agents) {
        List<JsonNode> live = liveAgents(agents);
        if (live.isEmpty()) {
            return List.of("No live agent reports to the orchestrator, so no fault can run now.",
                    "(On this machine: ./faultline services start; without a stack, ./faultline faults asks this "
                            + "host's agent.)");
        }
        List<String> header = new ArrayList<>(List.of("type"));
        live.forEach(a -> header.add(a.path("agentId").asText()));
        header.add("why not");
        TextTable table = new TextTable(header.toArray(String[]::new));
        for (JsonNode row : matrix(agents)) {
            List<Object> cells = new ArrayList<>(List.of(row.path("type").asText()));
            List<String> whyNot = new ArrayList<>();
            for (JsonNode answer : row.path("agents")) {
                JsonNode supported = answer.path("supported");
                cells.add(supported.isNull() ? "?" : supported.asBoolean() ? "yes" : "no");
                if (!supported.asBoolean()) {
                    whyNot.add((live.size() > 1 ? answer.path("agentId").asText() + ": " : "")
                            + answer.path("reason").asText());
                }
            }
            cells.add(whyNot.isEmpty() ? "" : String.join("; ", whyNot));
            table.row(cells.toArray());
        }
        return table.lines("");
    }

    private static List<JsonNode> liveAgents(JsonNode agents) {
        List<JsonNode> live = new ArrayList<>();
        agents.forEach(a -> {
            if (a.path("live").asBoolean()) {
                live.add(a);
            }
        });
        return live;
    }
}

package dev.faultline.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.text.TextTable;
import java.util.ArrayList;
import java.util.List;

/** A dry run's answer (the orchestrator's plan and the agents it would use) as lines. */
final class Plans {

    private Plans() {
    }

    static List<String> render(JsonNode dryRun) {
        List<String> lines = new ArrayList<>();
        TextTable plan = new TextTable("fault", "type", "target", "agent", "starts after", "duration");
        for (JsonNode f : dryRun.path("plan")) {
            plan.row(f.path("faultId").asText(), f.path("fault").path("type").asText(),
                    f.path("target").path("containerName").asText(), f.path("target").path("agentId").asText(),
                    f.path("startAfter").asText(null), f.path("duration").asText(null));
        }
        lines.addAll(plan.lines(""));
        TextTable agents = new TextTable("agent", "host", "faults", "last heartbeat");
        for (JsonNode a : dryRun.path("agents")) {
            agents.row(a.path("agentId").asText(), a.path("hostname").asText(null), a.path("faults").asInt(),
                    a.path("lastHeartbeat").asText(null));
        }
        if (!agents.isEmpty()) {
            lines.add("");
            lines.addAll(agents.lines(""));
        }
        return lines;
    }
}

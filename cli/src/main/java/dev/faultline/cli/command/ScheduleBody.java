package dev.faultline.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.cli.CliFailure;
import dev.faultline.cli.ExitCode;
import dev.faultline.common.json.ChaosJson;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON body of {@code POST /api/v1/schedules} (docs/schedules.md) from {@code schedule add}'s arguments. Only the
 * shape of {@code --window} is checked here; the cron, the zone, the days and the durations are the server's to judge,
 * so that the CLI and the orchestrator never disagree on what a valid schedule is.
 */
final class ScheduleBody {

    /** {@code DAYS,HH:MM-HH:MM} or {@code HH:MM-HH:MM}; DAYS may hold commas itself ({@code MON,WED-FRI}). */
    private static final Pattern WINDOW =
            Pattern.compile("(?:(?<days>.+),)?(?<from>\\d{1,2}:\\d{2})-(?<to>\\d{1,2}:\\d{2})");

    private ScheduleBody() {
    }

    /**
     * @param windows each {@code DAYS,HH:MM-HH:MM}
     * @param randomOffset null for the server's default (none)
     * @param announceAhead null for the server's default (no announcement)
     * @param alertOn the kinds of alert (fail, abort, halt, skipped); null for the reporter's configuration
     */
    static String of(ExperimentFile experiment, String cron, String zone, List<String> windows, String randomOffset,
            String announceAhead, List<String> alertOn) {
        ObjectNode body = ChaosJson.messages().createObjectNode();
        // A JSON file goes as an object (the server stores it as JSON), YAML as the text it is.
        body.set("experiment", experiment.json() ? tree(experiment) : body.textNode(experiment.document()));
        body.put("cron", cron);
        if (zone != null) {
            body.put("zone", zone);
        }
        if (!windows.isEmpty()) {
            ArrayNode list = body.putArray("windows");
            for (String window : windows) {
                list.add(window(window));
            }
        }
        if (randomOffset != null) {
            body.put("randomOffset", randomOffset);
        }
        if (announceAhead != null) {
            body.put("announceAhead", announceAhead);
        }
        if (alertOn != null) {
            ArrayNode kinds = body.putArray("alertOn");
            alertOn.stream().map(String::strip).filter(k -> !k.isEmpty()).forEach(kinds::add);
        }
        return ChaosJson.write(body);
    }

    static ObjectNode window(String text) {
        Matcher m = WINDOW.matcher(text.strip());
        if (!m.matches()) {
            throw new CliFailure(ExitCode.INVALID, "--window '" + text + "' is not DAYS,HH:MM-HH:MM",
                    List.of("e.g. --window MON-FRI,09:00-17:00 or --window SAT,SUN,10:00-12:00; without DAYS "
                            + "(--window 09:00-17:00) every day; a night is two windows"));
        }
        ObjectNode window = ChaosJson.messages().createObjectNode();
        if (m.group("days") != null) {
            window.put("days", m.group("days").strip());
        }
        window.put("from", m.group("from"));
        window.put("to", m.group("to"));
        return window;
    }

    private static JsonNode tree(ExperimentFile experiment) {
        try {
            return ChaosJson.messages().readTree(experiment.document());
        } catch (IOException e) {
            // ExperimentFile parsed it as JSON already; only a parser disagreement would get here.
            throw new CliFailure(ExitCode.INVALID, experiment.path() + " is not JSON: " + e.getMessage());
        }
    }
}

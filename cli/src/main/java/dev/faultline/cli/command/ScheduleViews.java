package dev.faultline.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.text.Formats;
import dev.faultline.cli.text.TextTable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the schedule commands print the orchestrator's schedule views and occurrence records (docs/schedules.md):
 * pure functions of the JSON, so that what an operator reads is unit-tested without a server.
 */
final class ScheduleViews {

    private ScheduleViews() {
    }

    /** {@code schedule list}: one row per schedule, oldest first as the server orders them. */
    static List<String> table(List<JsonNode> schedules, ZoneId zone) {
        if (schedules.isEmpty()) {
            return List.of("No schedules. Add one: ./faultline schedule add FILE --cron '0 0 9 ? * MON-FRI'");
        }
        TextTable table = new TextTable("schedule", "experiment", "cron", "zone", "paused", "next start", "last run");
        for (JsonNode s : schedules) {
            table.row(s.path("scheduleId").asText(), s.path("experimentName").asText(), s.path("cron").asText(),
                    s.path("zone").asText(), s.path("paused").asBoolean() ? "yes" : "no",
                    Formats.dateTime(instant(s.path("nextOccurrence"), "startAt"), zone),
                    s.path("lastRunId").asText(null));
        }
        List<String> lines = new ArrayList<>(table.lines(""));
        halted(schedules.get(0), zone).ifPresent(lines::add);
        return lines;
    }

    /** The definition and state of one schedule (the answer of add, show, pause, resume). */
    static List<String> definition(JsonNode s, ZoneId zone) {
        List<String> lines = new ArrayList<>();
        lines.add("Schedule " + s.path("scheduleId").asText() + "  experiment " + s.path("experimentName").asText()
                + (s.path("paused").asBoolean() ? "  PAUSED" : ""));
        lines.add("  experiment sha256  " + s.path("experimentSha256").asText());
        lines.add("  cron               " + s.path("cron").asText() + "  in " + s.path("zone").asText());
        lines.add("  windows            " + windows(s.path("windows")));
        lines.add("  random offset      " + s.path("randomOffset").asText("0s"));
        lines.add("  announce ahead     " + announceAhead(s));
        lines.add("  alerts on          " + alertOn(s));
        lines.add("  created            " + Formats.dateTime(instant(s, "createdAt"), zone) + " by "
                + s.path("createdBy").asText("?"));
        if (s.hasNonNull("lastRunId")) {
            lines.add("  last run           " + s.path("lastRunId").asText());
        }
        lines.addAll(next(s, zone));
        halted(s, zone).ifPresent(lines::add);
        return lines;
    }

    /** The kinds of alert the schedule named, or that it leaves them to the reporter. */
    static String alertOn(JsonNode s) {
        JsonNode kinds = s.path("alertOn");
        if (!kinds.isArray()) {
            return "the reporter's faultline.alerts.on";
        }
        List<String> names = new ArrayList<>();
        kinds.forEach(k -> names.add(k.asText()));
        return names.isEmpty() ? "nothing" : String.join(", ", names);
    }

    /** The next occurrence's start and announcement, in the CLI's zone and in UTC. */
    static List<String> next(JsonNode s, ZoneId zone) {
        JsonNode next = s.path("nextOccurrence");
        if (!next.isObject()) {
            return List.of("  next occurrence    none" + (s.path("paused").asBoolean()
                    ? " while paused (./faultline schedule resume " + s.path("scheduleId").asText() + ")"
                    : ": the cron has no instant left"));
        }
        List<String> lines = new ArrayList<>();
        lines.add("  next start         " + both(instant(next, "startAt"), zone) + "  (cron instant "
                + both(instant(next, "occurrence"), ZoneId.of("UTC")) + ")");
        lines.add("  announced          " + (isZero(s.path("announceAhead"))
                ? "no (no --announce-ahead)" : both(instant(next, "announceAt"), zone)));
        return lines;
    }

    /** {@code schedule show}'s occurrences: newest first, started with the run, skipped with the reason. */
    static List<String> occurrences(List<JsonNode> records, ZoneId zone) {
        if (records.isEmpty()) {
            return List.of("No occurrence handled yet.");
        }
        TextTable table = new TextTable("occurrence", "start", "state", "run / reason");
        for (JsonNode r : records) {
            String state = r.path("state").asText();
            String what = switch (state) {
                case "STARTED" -> "run " + r.path("runId").asText();
                case "SKIPPED" -> r.path("reasonCode").asText("?") + ": " + r.path("reason").asText("");
                case "CLAIMED" -> "claimed by " + r.path("instance").asText("?");
                default -> null;
            };
            table.row(Formats.dateTime(instant(r, "occurrence"), zone), Formats.dateTime(instant(r, "startAt"), zone),
                    state, what);
        }
        return table.lines("");
    }

    /** While Faultline is halted, every schedule view carries the latch. */
    private static Optional<String> halted(JsonNode s, ZoneId zone) {
        JsonNode latch = s.path("haltedBy");
        if (!latch.isObject()) {
            return Optional.empty();
        }
        return Optional.of("HALTED since " + Formats.dateTime(instant(latch, "engagedAt"), zone) + " by "
                + latch.path("operator").asText("?") + " (" + latch.path("reason").asText("") + "): every occurrence "
                + "is skipped until ./faultline resume");
    }

    private static String windows(JsonNode windows) {
        if (!windows.isArray() || windows.isEmpty()) {
            return "any time";
        }
        List<String> parts = new ArrayList<>();
        windows.forEach(w -> parts.add((w.hasNonNull("days") ? w.path("days").asText() + " " : "every day ")
                + w.path("from").asText() + "-" + w.path("to").asText()));
        return String.join(", ", parts);
    }

    private static String announceAhead(JsonNode s) {
        return isZero(s.path("announceAhead")) ? "no announcement" : s.path("announceAhead").asText()
                + " before the start (run-scheduled on chaos-events)";
    }

    /** Durations come as text ({@code 30s}); zero however the server words it. */
    private static boolean isZero(JsonNode duration) {
        String text = duration.asText("0s").strip();
        return text.isEmpty() || text.matches("0+(\\.0+)?[a-z]*") || text.equals("PT0S");
    }

    /** An instant in {@code zone} with the zone's id, and in UTC: {@code 2026-12-01 10:00:00 Europe/Paris = ...Z}. */
    static String both(Instant instant, ZoneId zone) {
        if (instant == null) {
            return "-";
        }
        String utc = instant.toString();
        return zone.normalized().equals(ZoneId.of("UTC").normalized()) ? utc
                : Formats.dateTime(instant, zone) + " " + zone.getId() + " (" + utc + ")";
    }

    private static Instant instant(JsonNode node, String field) {
        String text = node.path(field).asText(null);
        return text == null ? null : Instant.parse(text);
    }
}

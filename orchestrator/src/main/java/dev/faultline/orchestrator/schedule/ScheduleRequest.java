package dev.faultline.orchestrator.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.faultline.common.event.AlertKinds;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.ExperimentParser;
import dev.faultline.common.experiment.InvalidExperimentException;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.validation.DurationText;
import dev.faultline.common.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The body of {@code POST /api/v1/schedules}. {@code experiment} is the experiment as a YAML (or JSON) text, or as a
 * JSON object; {@code zone} defaults to UTC, {@code randomOffset} and {@code announceAhead} to none, {@code alertOn}
 * (the kinds of alert, a subset of fail / abort / halt / skipped) to the reporter's configuration. See
 * docs/schedules.md.
 */
public record ScheduleRequest(JsonNode experiment, String cron, String zone, List<AllowedWindow> windows,
        String randomOffset, String announceAhead, List<String> alertOn) {

    /** A request that leaves the alerts to the reporter's configuration. */
    public ScheduleRequest(JsonNode experiment, String cron, String zone, List<AllowedWindow> windows,
            String randomOffset, String announceAhead) {
        this(experiment, cron, zone, windows, randomOffset, announceAhead, null);
    }

    /**
     * Reads a request strictly, as experiment files are read: an unknown field (a typo such as {@code annouceAhead})
     * or a value of the wrong shape is a violation naming the field, not a setting silently ignored.
     *
     * @throws InvalidScheduleException when the body is not such a request
     */
    public static ScheduleRequest read(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidScheduleException(List.of(new Violation("(document)",
                    "is empty; send {experiment, cron, zone, windows, randomOffset, announceAhead, alertOn} as"
                            + " JSON")));
        }
        try {
            ScheduleRequest request = ChaosJson.experiments().readValue(json, ScheduleRequest.class);
            if (request == null) {
                throw new InvalidScheduleException(List.of(new Violation("(document)", "must be a JSON object")));
            }
            return request;
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidScheduleException(List.of(new Violation(pathOf(e), "is not a known field; known fields:"
                    + " experiment, cron, zone, windows (days, from, to), randomOffset, announceAhead, alertOn")));
        } catch (JsonMappingException e) {
            String path = pathOf(e);
            throw new InvalidScheduleException(List.of(new Violation(path.isEmpty() ? "(document)" : path,
                    "has the wrong shape: " + e.getOriginalMessage().lines().findFirst().orElse(""))));
        } catch (JsonProcessingException e) {
            throw new InvalidScheduleException(List.of(new Violation("(document)", "is not valid JSON: "
                    + e.getOriginalMessage())));
        }
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Longest random offset: a day. */
    public static final Duration MAX_RANDOM_OFFSET = Duration.ofDays(1);
    /** Longest announcement: a week. */
    public static final Duration MAX_ANNOUNCE_AHEAD = Duration.ofDays(7);

    /**
     * The schedule this request asks for, every field checked (each problem a violation under its field name:
     * {@code cron}, {@code zone}, {@code windows[1].to}, {@code experiment.faults[0].fault.type}).
     *
     * @throws InvalidScheduleException when anything is wrong
     */
    public Schedule toSchedule(String id, Instant now, String createdBy) {
        List<Violation> violations = new ArrayList<>();
        ExperimentParser.Format format = experiment != null && experiment.isObject() ? ExperimentParser.Format.JSON
                : ExperimentParser.Format.YAML;
        String document = null;
        Experiment parsed = null;
        if (experiment == null || experiment.isNull()) {
            violations.add(new Violation("experiment", "is required: the experiment as YAML text or a JSON object"));
        } else if (!experiment.isTextual() && !experiment.isObject()) {
            violations.add(new Violation("experiment", "must be the experiment as YAML text or a JSON object"));
        } else {
            document = experiment.isTextual() ? experiment.textValue() : ChaosJson.write(experiment);
            try {
                parsed = new ExperimentParser().parse(document, format);
            } catch (InvalidExperimentException e) {
                e.violations().forEach(v -> violations.add(v.under("experiment")));
            }
        }
        String cronText = cron == null ? null : cron.strip();
        try {
            OccurrenceCalendar.parse(cronText);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("cron", e.getMessage() + " (Quartz cron: seconds minutes hours"
                    + " day-of-month month day-of-week, e.g. '0 0 9 ? * MON-FRI' or '0/20 * * * * ?')"));
        }
        String zoneText = zone == null || zone.isBlank() ? "UTC" : zone.strip();
        try {
            ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            violations.add(new Violation("zone", "must be a time zone id such as UTC or Europe/Paris, was '"
                    + zoneText + "'"));
        }
        List<AllowedWindow> allowed = windows == null ? List.of() : windows;
        for (int i = 0; i < allowed.size(); i++) {
            if (allowed.get(i) == null) {
                violations.add(new Violation("windows[" + i + "]", "must be {days, from, to}"));
                continue;
            }
            String field = "windows[" + i + "]";
            allowed.get(i).problems().forEach(v -> violations.add(v.under(field)));
        }
        Duration offset = duration(randomOffset, "randomOffset", MAX_RANDOM_OFFSET, violations);
        Duration ahead = duration(announceAhead, "announceAhead", MAX_ANNOUNCE_AHEAD, violations);
        AlertKinds.problem(alertOn).ifPresent(problem -> violations.add(new Violation("alertOn", problem)));
        if (!violations.isEmpty()) {
            throw new InvalidScheduleException(violations);
        }
        Timing timing = new Timing(cronText, zoneText, allowed, offset, ahead);
        if (new OccurrenceCalendar(id, timing).firstAfter(now).isEmpty()) {
            throw new InvalidScheduleException(List.of(new Violation(allowed.isEmpty() ? "cron" : "windows",
                    "the schedule never falls due: no cron instant" + (allowed.isEmpty() ? "" : " inside the windows")
                            + " after " + now)));
        }
        return new Schedule(id, parsed.name(), sha256(document), format, document, timing, now, createdBy, alertOn);
    }

    private static Duration duration(String text, String field, Duration max, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return Duration.ZERO;
        }
        try {
            Duration d = DurationText.parse(text.strip());
            if (d.isNegative() || d.compareTo(max) > 0) {
                violations.add(new Violation(field, "must be between 0s and " + DurationText.format(max) + ", was "
                        + text));
            }
            return d;
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(field, "must be a duration such as 30s, 10m or 2h, was '" + text + "'"));
            return Duration.ZERO;
        }
    }

    /** The experiment's version: the SHA-256 (hex) of its document as stored. */
    public static String sha256(String document) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(document.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request names fields that are wrong; answered 400 with one violation per field. */
    public static final class InvalidScheduleException extends RuntimeException {

        private final List<Violation> violations;

        public InvalidScheduleException(List<Violation> violations) {
            super(violations.toString());
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }
}

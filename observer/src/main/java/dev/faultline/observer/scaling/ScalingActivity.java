package dev.faultline.observer.scaling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scaling activity as an autoscaler reports it, in the terms of Application Auto Scaling's
 * DescribeScalingActivities (either its PascalCase or camelCase): when it started, why ({@code cause}), what it did
 * ({@code description}) and the desired count it set. The feed is a JSON array of activities, or an object holding
 * one under {@code activities} or {@code ScalingActivities}. A time is ISO-8601 text or epoch seconds (AWS's JSON).
 * The desired count is {@code desiredCount} when the feed has it, else read from a description saying
 * "desired count to N" (as ECS's do); {@code fromCount} is optional.
 */
public record ScalingActivity(Instant startTime, Instant endTime, String cause, String description,
        String statusCode, Integer fromCount, Integer desiredCount) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DESIRED = Pattern.compile("desired count to (\\d+)", Pattern.CASE_INSENSITIVE);

    /**
     * The activities of a feed's body, oldest first.
     *
     * @throws IllegalArgumentException when the body is not such a feed
     */
    public static List<ScalingActivity> parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode list = root != null && root.isArray() ? root
                : root == null ? null : root.has("activities") ? root.get("activities") : root.get("ScalingActivities");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("neither an array of activities nor an object with 'activities' or"
                    + " 'ScalingActivities'");
        }
        List<ScalingActivity> activities = new ArrayList<>();
        for (JsonNode a : list) {
            Instant start = time(field(a, "startTime"));
            if (start == null) {
                throw new IllegalArgumentException("an activity without a startTime: " + a);
            }
            String description = text(field(a, "description"));
            Integer desired = integer(field(a, "desiredCount"));
            if (desired == null && description != null) {
                Matcher m = DESIRED.matcher(description);
                desired = m.find() ? Integer.valueOf(m.group(1)) : null;
            }
            activities.add(new ScalingActivity(start, time(field(a, "endTime")), text(field(a, "cause")),
                    description, text(field(a, "statusCode")), integer(field(a, "fromCount")), desired));
        }
        activities.sort(Comparator.comparing(ScalingActivity::startTime));
        return List.copyOf(activities);
    }

    /** {@code name} or its PascalCase form. */
    private static JsonNode field(JsonNode activity, String name) {
        JsonNode camel = activity.get(name);
        return camel != null ? camel : activity.get(Character.toUpperCase(name.charAt(0)) + name.substring(1));
    }

    private static Instant time(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return Instant.ofEpochMilli(Math.round(node.asDouble() * 1000));
        }
        return Instant.parse(node.asText());
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Integer integer(JsonNode node) {
        return node == null || !node.canConvertToInt() ? null : node.asInt();
    }
}

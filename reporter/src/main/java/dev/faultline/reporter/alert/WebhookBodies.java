package dev.faultline.reporter.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Collectors;

/**
 * The bodies a webhook receives (docs/alerts.md, "Bodies"): {@code json}, a generic object with every field of the
 * alert, and {@code slack}, what a Slack incoming webhook (and the chat tools that copy its format) posts:
 * {@code text} as the notification's fallback and {@code blocks} for the message.
 */
public final class WebhookBodies {

    /** Slack's limits: a header's plain text, a section's text. */
    static final int SLACK_HEADER_MAX = 150;
    static final int SLACK_SECTION_MAX = 3000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookBodies() {
    }

    public static String of(WebhookFormat format, Alert alert) {
        return switch (format) {
            case JSON -> json(alert);
            case SLACK -> slack(alert);
        };
    }

    public static String json(Alert alert) {
        ObjectNode body = JSON.createObjectNode();
        body.put("kind", alert.kind().configName());
        body.put("alertId", alert.id());
        putIfPresent(body, "runId", alert.runId());
        putIfPresent(body, "scheduleId", alert.scheduleId());
        putIfPresent(body, "occurrence", alert.occurrence() == null ? null : alert.occurrence().toString());
        putIfPresent(body, "experiment", alert.experiment());
        putIfPresent(body, "verdict", alert.verdict());
        body.put("headline", alert.headline());
        ArrayNode figures = body.putArray("figures");
        alert.figures().forEach(figures::add);
        if (alert.score() != null) {
            body.put("resilienceScore", alert.score());
        }
        if (alert.timeToRecoverMillis() != null) {
            body.put("timeToRecoverMillis", alert.timeToRecoverMillis());
        }
        putIfPresent(body, "reportUrl", alert.reportUrl() == null ? null : alert.reportUrl().toString());
        body.put("occurredAt", alert.occurredAt().toString());
        return write(body);
    }

    public static String slack(Alert alert) {
        ObjectNode body = JSON.createObjectNode();
        body.put("text", alert.headline());
        ArrayNode blocks = body.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text")
                .put("text", AlertText.truncate(alert.headline(), SLACK_HEADER_MAX));
        if (!alert.figures().isEmpty()) {
            String list = alert.figures().stream().map(f -> "\u2022 " + escape(f)).collect(Collectors.joining("\n"));
            blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                    .put("text", AlertText.truncate(list, SLACK_SECTION_MAX));
        }
        StringBuilder context = new StringBuilder();
        if (alert.reportUrl() != null) {
            context.append('<').append(alert.reportUrl()).append("|HTML report> \u00b7 ");
        }
        context.append("alert `").append(escape(alert.id())).append("` at ").append(alert.occurredAt());
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", context.toString());
        return write(body);
    }

    /** Slack's mrkdwn reads {@code &}, {@code <} and {@code >} as markup: the three it asks to escape. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void putIfPresent(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private static String write(ObjectNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }
}

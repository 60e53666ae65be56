package dev.faultline.reporter.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.faultline.common.json.ChaosJson;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reads a record's value. A value that is not a valid message can never become one, so retrying it is pointless:
 * it is logged and skipped rather than blocking the topic.
 */
final class InboundJson {

    private static final Logger LOG = Logger.getLogger(InboundJson.class);
    private static final int QUOTED_CHARS = 200;

    private InboundJson() {
    }

    static <T> Optional<T> read(String json, Class<T> family, String topic) {
        if (json == null || json.isBlank()) {
            LOG.warnf("skipped an empty record on %s", topic);
            return Optional.empty();
        }
        try {
            return Optional.of(ChaosJson.read(json, family));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warnf("skipped a malformed record on %s (%s): %s", topic, firstLine(e.getMessage()), quote(json));
            return Optional.empty();
        }
    }

    private static String quote(String json) {
        return json.length() <= QUOTED_CHARS ? json : json.substring(0, QUOTED_CHARS) + "...";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

package dev.faultline.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.faultline.common.validation.DurationText;
import java.io.IOException;
import java.time.Duration;

/** Reads {@code "30s"}, {@code "250ms"}, {@code "PT30S"}, or a bare number of milliseconds. */
final class DurationTextDeserializer extends StdDeserializer<Duration> {

    DurationTextDeserializer() {
        super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return Duration.ofMillis(p.getLongValue());
        }
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
        }
        try {
            return DurationText.parse(p.getText());
        } catch (IllegalArgumentException e) {
            throw ctxt.weirdStringException(p.getText(), Duration.class, e.getMessage());
        }
    }
}

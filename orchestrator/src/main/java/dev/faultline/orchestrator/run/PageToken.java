package dev.faultline.orchestrator.run;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a page of the run listing ended: the last run's creation instant and id, the position the next page starts
 * after. Opaque to clients (URL-safe Base64), so the store may change how it seeks without breaking them.
 */
public record PageToken(Instant createdAt, String runId) {

    public PageToken {
        Objects.requireNonNull(createdAt, "createdAt");
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("runId must not be blank");
        }
    }

    public static PageToken after(RunView run) {
        return new PageToken(run.createdAt(), run.runId());
    }

    public String encode() {
        String plain = createdAt + "|" + runId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The token a previous page handed out; throws {@link InvalidPageTokenException} for anything else. */
    public static PageToken decode(String token) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            if (bar < 0) {
                throw new InvalidPageTokenException(token);
            }
            return new PageToken(Instant.parse(plain.substring(0, bar)), plain.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidPageTokenException(token);
        }
    }

    /** A page token that no listing handed out. */
    public static final class InvalidPageTokenException extends IllegalArgumentException {
        public InvalidPageTokenException(String token) {
            super("pageToken " + token + " is not one a previous page returned");
        }
    }
}

package dev.faultline.orchestrator.api;

import jakarta.ws.rs.BadRequestException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Query parameters read by hand, so that a bad one is a 400 that names it (JAX-RS answers a query parameter it cannot
 * convert with a bare 404). An absent or blank parameter is null, or the default.
 */
final class QueryParams {

    private QueryParams() {
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(name + " must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", was '" + value + "'");
        }
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 instant such as 2026-12-01T10:00:00Z, was '"
                    + value + "'");
        }
    }

    static int integer(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            parsed = Integer.MIN_VALUE;
        }
        if (parsed < min || parsed > max) {
            throw new BadRequestException(name + " must be a whole number from " + min + " to " + max + ", was '"
                    + value + "'");
        }
        return parsed;
    }
}

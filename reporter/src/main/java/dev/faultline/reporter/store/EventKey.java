package dev.faultline.reporter.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The range key of an event item: {@code <timestamp>#<messageId>}. The timestamp is written with a fixed width
 * (always nine fraction digits) because {@link Instant#toString()} drops trailing zeros, and then
 * {@code ...:05Z} would sort after {@code ...:05.5Z}; with a fixed width, string order is time order. The message id
 * makes the key unique, so writing the same message twice addresses the same item.
 */
public final class EventKey {

    private static final DateTimeFormatter FIXED_WIDTH =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private EventKey() {
    }

    public static String of(Instant timestamp, String messageId) {
        return FIXED_WIDTH.format(timestamp) + "#" + messageId;
    }
}

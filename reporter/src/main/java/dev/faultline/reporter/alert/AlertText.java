package dev.faultline.reporter.alert;

/**
 * The plain-text form of an alert: the SNS subject and message, and the text of the chat bodies.
 *
 * <p>SNS takes a subject of at most 100 characters, printable ASCII without line breaks (the subject of an e-mail
 * subscription); anything else is refused, which would lose the alert. So the subject is the headline made ASCII and
 * cut at a word with an ellipsis; the full headline is the body's first line.
 */
public final class AlertText {

    /** SNS's limit on a subject. */
    public static final int MAX_SUBJECT = 100;
    private static final String PREFIX = "[Faultline] ";
    private static final String ELLIPSIS = "...";

    private AlertText() {
    }

    public static String subject(Alert alert) {
        return truncate(PREFIX + ascii(alert.headline()), MAX_SUBJECT);
    }

    /** The headline, the figures one a line, and the report link. */
    public static String body(Alert alert) {
        StringBuilder text = new StringBuilder(alert.headline()).append('\n');
        for (String figure : alert.figures()) {
            text.append("- ").append(figure).append('\n');
        }
        if (alert.reportUrl() != null) {
            text.append("report: ").append(alert.reportUrl()).append('\n');
        }
        text.append("alert: ").append(alert.id()).append(" at ").append(alert.occurredAt()).append('\n');
        return text.toString();
    }

    /** Printable ASCII only: line breaks and tabs become spaces, other characters {@code ?}. */
    static String ascii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
            } else {
                out.append('?');
            }
        });
        return out.toString().strip();
    }

    /** At most {@code max} characters: cut at the last space that leaves room for the ellipsis, else mid-word. */
    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int room = max - ELLIPSIS.length();
        int cut = text.lastIndexOf(' ', room);
        if (cut < room / 2) {
            cut = room;
        }
        return text.substring(0, cut).stripTrailing() + ELLIPSIS;
    }
}

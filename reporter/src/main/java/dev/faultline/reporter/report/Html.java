package dev.faultline.reporter.report;

import java.util.Locale;

/** Escaping for HTML text and attribute values: every text of a run came from a Kafka message. */
public final class Html {

    private Html() {
    }

    /** Safe both as element text and inside a double-quoted attribute. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters other than tab and newlines are not allowed in HTML text.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A coordinate for SVG: two decimals, dot as the separator whatever the locale. */
    public static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}

package dev.faultline.reporter.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A run of words with the little emphasis a report uses (strong, emphasised, code), without any markup: each
 * renderer marks it up and escapes it its own way, so that text from the run (it comes from Kafka messages) can
 * never turn into Markdown or HTML.
 */
public record ReportText(List<Span> spans) {

    public enum Style { PLAIN, STRONG, EMPHASIS, CODE }

    public record Span(Style style, String text) {
        public Span {
            Objects.requireNonNull(style, "style");
            text = text == null ? "" : text;
        }
    }

    public ReportText {
        spans = List.copyOf(spans);
    }

    public static final ReportText EMPTY = new ReportText(List.of());

    public static ReportText plain(String text) {
        return EMPTY.then(text);
    }

    public static ReportText strong(String text) {
        return EMPTY.strongly(text);
    }

    public static ReportText code(String text) {
        return EMPTY.coded(text);
    }

    public static ReportText emphasis(String text) {
        return EMPTY.emphasised(text);
    }

    public ReportText then(String text) {
        return with(Style.PLAIN, text);
    }

    public ReportText strongly(String text) {
        return with(Style.STRONG, text);
    }

    public ReportText emphasised(String text) {
        return with(Style.EMPHASIS, text);
    }

    public ReportText coded(String text) {
        return with(Style.CODE, text);
    }

    private ReportText with(Style style, String text) {
        List<Span> all = new ArrayList<>(spans);
        all.add(new Span(style, text));
        return new ReportText(all);
    }
}

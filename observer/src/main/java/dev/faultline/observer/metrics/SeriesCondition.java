package dev.faultline.observer.metrics;

import dev.faultline.common.experiment.PrometheusProbe;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;

/** {@code selector OP number}, the query of a Prometheus probe, evaluated against one scrape. */
public record SeriesCondition(SeriesSelector selector, String operator, double threshold) {

    public static SeriesCondition parse(String query) {
        Matcher m = PrometheusProbe.QUERY.matcher(query);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a condition: '" + query + "'");
        }
        SeriesSelector selector = SeriesSelector.parse(m.group(1) + (m.group(2) == null ? "" : m.group(2)));
        return new SeriesCondition(selector, m.group(3), ExpositionParser.parseValue(m.group(4)));
    }

    /** Empty when the condition holds, else why not (the series is missing, or its value). */
    public Optional<String> violation(List<Series> scrape) {
        Optional<Double> value = selector.valueIn(scrape);
        if (value.isEmpty()) {
            return Optional.of("no series " + selector);
        }
        double v = value.get();
        return holds(v) ? Optional.empty()
                : Optional.of(String.format(Locale.ROOT, "%s is %s, not %s %s", selector, trim(v), operator,
                        trim(threshold)));
    }

    boolean holds(double v) {
        return switch (operator) {
            case "==" -> v == threshold;
            case "!=" -> v != threshold;
            case "<" -> v < threshold;
            case "<=" -> v <= threshold;
            case ">" -> v > threshold;
            case ">=" -> v >= threshold;
            default -> throw new IllegalStateException("operator " + operator);
        };
    }

    private static String trim(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
    }
}

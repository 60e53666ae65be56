package dev.faultline.observer.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format (version 0.0.4, also what OpenMetrics endpoints serve for the parts
 * used here): comment lines are skipped, each sample line gives a series. A line that cannot be read is an error
 * naming its number, because a silently dropped series would turn into a "missing series" verdict.
 */
public final class ExpositionParser {

    private ExpositionParser() {
    }

    public static List<Series> parse(String text) {
        List<Series> series = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                series.add(parseLine(line));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("metrics line " + (i + 1) + " is not in the exposition format: '"
                        + line + "' (" + e.getMessage() + ")");
            }
        }
        return series;
    }

    static Series parseLine(String line) {
        int pos = 0;
        while (pos < line.length() && isNameChar(line.charAt(pos), pos == 0)) {
            pos++;
        }
        if (pos == 0) {
            throw new IllegalArgumentException("no metric name");
        }
        String name = line.substring(0, pos);
        Map<String, String> labels = new LinkedHashMap<>();
        if (pos < line.length() && line.charAt(pos) == '{') {
            pos = parseLabels(line, pos + 1, labels);
        }
        String[] rest = line.substring(pos).strip().split("\\s+");
        if (rest.length < 1 || rest[0].isEmpty()) {
            throw new IllegalArgumentException("no value");
        }
        return new Series(name, labels, parseValue(rest[0]));
    }

    /** Parses {@code a="x",b="y"}} from just after the brace; returns the index after the closing brace. */
    private static int parseLabels(String line, int pos, Map<String, String> labels) {
        while (true) {
            pos = skipSpaces(line, pos);
            if (line.charAt(pos) == '}') {
                return pos + 1;
            }
            int start = pos;
            while (isNameChar(line.charAt(pos), pos == start)) {
                pos++;
            }
            String label = line.substring(start, pos);
            if (label.isEmpty()) {
                throw new IllegalArgumentException("no label name at column " + (pos + 1));
            }
            pos = skipSpaces(line, pos);
            expect(line, pos++, '=');
            pos = skipSpaces(line, pos);
            expect(line, pos++, '"');
            StringBuilder value = new StringBuilder();
            while (line.charAt(pos) != '"') {
                char c = line.charAt(pos++);
                if (c == '\\') {
                    char escaped = line.charAt(pos++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            pos++;
            labels.put(label, value.toString());
            pos = skipSpaces(line, pos);
            if (line.charAt(pos) == ',') {
                pos++;
            }
        }
    }

    public static double parseValue(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private static boolean isNameChar(char c, boolean first) {
        return Character.isLetter(c) && c < 128 || c == '_' || c == ':' || (!first && c >= '0' && c <= '9');
    }

    private static int skipSpaces(String line, int pos) {
        while (line.charAt(pos) == ' ' || line.charAt(pos) == '\t') {
            pos++;
        }
        return pos;
    }

    private static void expect(String line, int pos, char wanted) {
        if (line.charAt(pos) != wanted) {
            throw new IllegalArgumentException("expected '" + wanted + "' at column " + (pos + 1));
        }
    }
}

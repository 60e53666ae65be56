package dev.faultline.cli.text;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with a header underlined by dashes, columns padded to their widest cell. */
public final class TextTable {

    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... header) {
        rows.add(header);
    }

    public TextTable row(Object... cells) {
        String[] row = new String[rows.get(0).length];
        for (int i = 0; i < row.length; i++) {
            Object cell = i < cells.length ? cells[i] : null;
            row[i] = cell == null ? "-" : cell.toString();
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.size() == 1;
    }

    /** The table's lines, each with {@code indent} before it; no trailing spaces. */
    public List<String> lines(String indent) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> out = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            out.add(line(indent, rows.get(r), widths));
            if (r == 0) {
                String[] rule = new String[widths.length];
                for (int i = 0; i < widths.length; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                out.add(line(indent, rule, widths));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return String.join("\n", lines("")) + "\n";
    }

    private static String line(String indent, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < cells.length; i++) {
            line.append(cells[i]);
            if (i + 1 < cells.length) {
                line.append(" ".repeat(widths[i] - cells[i].length() + 2));
            }
        }
        return line.toString().stripTrailing();
    }
}

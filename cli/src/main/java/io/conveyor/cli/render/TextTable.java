package io.conveyor.cli.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table as {@code kubectl get} prints one: upper-case headers, columns padded to their
 * widest cell and separated by two spaces, numbers right-aligned, no borders (so {@code grep},
 * {@code awk} and {@code cut} work on it).
 */
public final class TextTable {

    /** @param numeric right-aligned */
    public record Column(String header, boolean numeric) {
    }

    private final List<Column> columns;
    private final List<String[]> rows = new ArrayList<>();

    private TextTable(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Columns by header; a header starting with {@code >} is numeric (right-aligned), the {@code >} not shown. */
    public static TextTable of(String... headers) {
        return new TextTable(Arrays.stream(headers)
                .map(h -> h.startsWith(">") ? new Column(h.substring(1), true) : new Column(h, false)).toList());
    }

    public TextTable row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("a row of " + columns.size() + " columns was given " + cells.length + " cells");
        }
        rows.add(Arrays.stream(cells).map(TextTable::cell).toArray(String[]::new));
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table, one line per row after the header line, each ending with a line separator. */
    public String render() {
        int[] widths = new int[columns.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = columns.get(c).header().length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, columns.stream().map(Column::header).toArray(String[]::new), widths);
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(widths[c] - cells[c].length());
            line.append(columns.get(c).numeric() ? pad + cells[c] : cells[c] + pad);
        }
        out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }

    private static String cell(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Long || value instanceof Integer) {
            return String.format("%,d", ((Number) value).longValue());
        }
        String text = value.toString().replace('\n', ' ').replace('\r', ' ');
        return text.isEmpty() ? "-" : text;
    }
}

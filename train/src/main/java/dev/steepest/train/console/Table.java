package dev.steepest.train.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with aligned columns: a header, a rule, then the rows. */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    /** @param header the column titles */
    public Table(String... header) {
        if (header.length == 0) {
            throw new IllegalArgumentException("Table: needs at least one column");
        }
        this.columns = header.length;
        rows.add(header.clone());
    }

    /**
     * @param cells one value per column
     * @return this
     */
    public Table row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("Table.row: expected " + columns + " cells, got " + cells.length + ": "
                    + Arrays.toString(cells));
        }
        rows.add(cells.clone());
        return this;
    }

    /** @return the table as lines of text, columns left-aligned and separated by two spaces */
    @Override
    public String toString() {
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(String.format("%-" + width[c] + "s", rows.get(r)[c]));
                if (c + 1 < columns) {
                    line.append("  ");
                }
            }
            s.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                int total = Arrays.stream(width).sum() + 2 * (columns - 1);
                s.append("-".repeat(total)).append('\n');
            }
        }
        return s.toString();
    }
}

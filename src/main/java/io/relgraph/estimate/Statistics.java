package io.relgraph.estimate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What PostgreSQL knows about the model's tables, as last read by {@link RowEstimates}: each table's
 * rows ({@code pg_class.reltuples}), and per column its share of nulls, its distinct values, its most
 * common values with their frequencies and its histogram ({@code pg_stats}, as {@code ANALYZE} left
 * them), and whether a btree index leads with it (and whether that index serves a {@code LIKE}
 * prefix). Immutable: one request's estimate reads one consistent picture. What is not known is
 * absent; {@link RowVisits} then falls back to PostgreSQL's own default selectivities.
 */
public final class Statistics {

    /** One column's statistics. Values are as PostgreSQL prints them; a date-time's as epoch seconds. */
    public static final class Column {
        private final double nullFraction;
        /** pg_stats.n_distinct: above 0 a count, below 0 minus a fraction of the rows, NaN when unknown. */
        private final double distinct;
        private final List<String> commonValues;
        private final List<Double> commonFrequencies;
        private final List<String> histogram;
        private final boolean numeric;
        private final boolean indexed;
        private final boolean prefixIndexed;
        /** The histogram's bounds as numbers (a numeric column's), for interpolation. */
        private final double[] numericHistogram;

        public Column(double nullFraction, double distinct, List<String> commonValues, List<Double> commonFrequencies, List<String> histogram,
                boolean numeric, boolean indexed, boolean prefixIndexed) {
            this.nullFraction = nullFraction;
            this.distinct = distinct;
            this.commonValues = commonValues == null ? List.of() : List.copyOf(commonValues);
            this.commonFrequencies = commonFrequencies == null ? List.of() : List.copyOf(commonFrequencies);
            this.histogram = histogram == null ? List.of() : List.copyOf(histogram);
            this.numeric = numeric;
            this.indexed = indexed;
            this.prefixIndexed = prefixIndexed;
            double[] bounds = null;
            if (numeric) {
                try {
                    bounds = this.histogram.stream().mapToDouble(Double::parseDouble).toArray();
                } catch (NumberFormatException e) {
                    bounds = null;
                }
            }
            this.numericHistogram = bounds;
        }

        /** A column with an index and nothing analyzed (tests; a table ANALYZE has not seen yet). */
        public static Column indexedOnly(boolean prefix) {
            return new Column(0, Double.NaN, null, null, null, false, true, prefix);
        }

        public double nullFraction() {
            return nullFraction;
        }

        /** The distinct non-null values among {@code rows} rows, or NaN when ANALYZE has not counted them. */
        public double distinct(double rows) {
            if (Double.isNaN(distinct) || distinct == 0) {
                return Double.NaN;
            }
            return distinct > 0 ? distinct : -distinct * rows;
        }

        public List<String> commonValues() {
            return commonValues;
        }

        public List<Double> commonFrequencies() {
            return commonFrequencies;
        }

        public List<String> histogram() {
            return histogram;
        }

        /** The histogram as numbers, or null when the column is not numeric (or a bound is not a number). */
        double[] numericHistogram() {
            return numericHistogram;
        }

        public boolean numeric() {
            return numeric;
        }

        /** A btree index leads with this column: equality, ranges and {@code IS NULL} on it need not scan the table. */
        public boolean indexed() {
            return indexed;
        }

        /** A btree index leading with this column serves {@code LIKE 'prefix%'} (text_pattern_ops, or the C collation). */
        public boolean prefixIndexed() {
            return prefixIndexed;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Column c && Double.compare(c.nullFraction, nullFraction) == 0 && Double.compare(c.distinct, distinct) == 0
                    && c.numeric == numeric && c.indexed == indexed && c.prefixIndexed == prefixIndexed && c.commonValues.equals(commonValues)
                    && c.commonFrequencies.equals(commonFrequencies) && c.histogram.equals(histogram);
        }

        @Override
        public int hashCode() {
            return Objects.hash(nullFraction, distinct, commonValues, commonFrequencies, histogram, numeric, indexed, prefixIndexed);
        }

        @Override
        public String toString() {
            return "Column{nulls=" + nullFraction + " distinct=" + distinct + " mcv=" + commonValues.size() + " histogram="
                    + histogram.size() + (indexed ? " indexed" : "") + (prefixIndexed ? " prefix" : "") + "}";
        }
    }

    private static final Statistics NONE = new Statistics(Map.of(), Map.of());

    private final Map<String, Double> rows;
    private final Map<String, Column> columns;

    private Statistics(Map<String, Double> rows, Map<String, Column> columns) {
        this.rows = rows;
        this.columns = columns;
    }

    /** Nothing read yet: every table counts no rows, and no column has an index. */
    public static Statistics none() {
        return NONE;
    }

    /**
     * @param rows table → its rows
     * @param columns {@code table.column} → its statistics
     */
    public static Statistics of(Map<String, Double> rows, Map<String, Column> columns) {
        return new Statistics(Collections.unmodifiableMap(new LinkedHashMap<>(rows)), Map.copyOf(columns));
    }

    /** The same columns' statistics with these tables' rows. */
    Statistics withRows(Map<String, Double> rows) {
        return new Statistics(Collections.unmodifiableMap(new LinkedHashMap<>(rows)), columns);
    }

    /** The table's rows as PostgreSQL last counted them (0 when unknown). */
    public double rows(String table) {
        Double n = rows.get(table);
        return n == null || n < 0 ? 0 : n;
    }

    /** The tables known, with their rows (null where PostgreSQL has not counted them). */
    public Map<String, Double> tables() {
        return rows;
    }

    /** The statistics of {@code table.column}, or null when nothing is known of it. */
    public Column column(String table, String column) {
        return columns.get(table + "." + column);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Statistics s && s.rows.equals(rows) && s.columns.equals(columns);
    }

    @Override
    public int hashCode() {
        return rows.hashCode() * 31 + columns.hashCode();
    }

    @Override
    public String toString() {
        return "Statistics{rows=" + rows + ", columns=" + columns.keySet() + "}";
    }
}

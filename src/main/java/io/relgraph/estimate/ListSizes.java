package io.relgraph.estimate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long each {@link SizedList} is in the database at one moment: immutable, so one request's
 * estimate reads one consistent picture. A list without {@code first} counts
 * {@link #rows(String, String, Map)}: its measured length (the smallest among the measures that
 * apply where arguments narrow it), never more than the page limit; a list that is not measured, or
 * not yet, counts the page limit.
 */
public final class ListSizes {

    private final Map<SizedList, Long> sizes;
    private final long pageLimit;
    private final RowVisits visits;

    private ListSizes(Map<SizedList, Long> sizes, long pageLimit, RowVisits visits) {
        this.sizes = sizes;
        this.pageLimit = pageLimit;
        this.visits = visits;
    }

    /** Nothing measured yet: every list counts the page limit (the worst case). */
    public static ListSizes unknown(long pageLimit) {
        return new ListSizes(Map.of(), pageLimit, null);
    }

    /** These measures; a list missing from them counts the page limit. */
    public static ListSizes of(Map<SizedList, Long> measured, long pageLimit) {
        return of(measured, pageLimit, null);
    }

    /** These measures, and the estimate of the rows a where visits built on PostgreSQL's statistics of the same moment (null: none). */
    public static ListSizes of(Map<SizedList, Long> measured, long pageLimit, RowVisits visits) {
        return new ListSizes(Collections.unmodifiableMap(new LinkedHashMap<>(measured)), pageLimit, visits);
    }

    /** The estimate of the rows a where visits, or null before PostgreSQL's statistics were read (a where then counts nothing). */
    public RowVisits visits() {
        return visits;
    }

    private Statistics statistics() {
        return visits == null ? null : visits.statistics();
    }

    /**
     * The most rows the list {@code type.field} can hold without a {@code first}, given its arguments
     * (a non-null value of a narrowing argument applies that argument's measure).
     */
    public long rows(String type, String field, Map<String, ?> arguments) {
        long rows = pageLimit;
        for (Map.Entry<SizedList, Long> measured : sizes.entrySet()) {
            SizedList list = measured.getKey();
            if (list.type().equals(type) && list.field().equals(field)
                    && (list.narrowedBy() == null || arguments.get(list.narrowedBy()) != null) && measured.getValue() != null) {
                rows = Math.min(rows, measured.getValue());
            }
        }
        return Math.max(0, rows);
    }

    /**
     * Whether {@code argument} narrows the list {@code type.field} in these measures (so its value decides the
     * estimate); before the first measure nothing narrows anything: every list counts the page limit.
     */
    public boolean narrows(String type, String field, String argument) {
        for (SizedList list : sizes.keySet()) {
            if (argument.equals(list.narrowedBy()) && list.type().equals(type) && list.field().equals(field)) {
                return true;
            }
        }
        return false;
    }

    /** The measured length of one list, or null when it has not been measured. */
    public Long measured(SizedList list) {
        return sizes.get(list);
    }

    public long pageLimit() {
        return pageLimit;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListSizes other && other.pageLimit == pageLimit && other.sizes.equals(sizes)
                && java.util.Objects.equals(other.statistics(), statistics());
    }

    @Override
    public int hashCode() {
        return sizes.hashCode() * 31 + Long.hashCode(pageLimit) + java.util.Objects.hashCode(statistics());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ListSizes{");
        sizes.forEach((list, n) -> s.append(list.coordinate()).append('=').append(n).append(' '));
        return s.append("pageLimit=").append(pageLimit).append('}').toString();
    }
}

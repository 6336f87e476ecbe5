package io.relgraph.replica;

import java.util.regex.Pattern;

/**
 * A PostgreSQL WAL position ({@code pg_lsn}): written {@code X/Y}, two hexadecimal numbers of at
 * most 8 digits, the high and low 32 bits of a byte position in the write-ahead log. Positions
 * are compared as unsigned 64-bit numbers, as PostgreSQL does.
 */
public final class Lsn {

    private static final Pattern FORMAT = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");

    private Lsn() {
    }

    /** The position, or -1 when {@code text} is not one (null, blank, not {@code X/Y} in hexadecimal). */
    public static long parse(String text) {
        if (text == null) {
            return -1;
        }
        String t = text.trim();
        if (!FORMAT.matcher(t).matches()) {
            return -1;
        }
        int slash = t.indexOf('/');
        long high = Long.parseLong(t.substring(0, slash), 16);
        long low = Long.parseLong(t.substring(slash + 1), 16);
        long value = high << 32 | low;
        // 0/0 is InvalidXLogRecPtr; FFFFFFFF/FFFFFFFF is -1 as a signed long: refuse both as positions
        return value == 0 || value == -1 ? -1 : value;
    }

    /** PostgreSQL's own spelling: upper-case hexadecimal, no leading zeros. */
    public static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }

    /** Whether position {@code a} is at or past {@code b} (unsigned). */
    public static boolean atLeast(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0;
    }
}

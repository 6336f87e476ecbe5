package io.relgraph.request;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The built-in scalars as the GraphQL spec defines them. SmallRye's coercing is lenient (it takes
 * "ten" for an Int, {@code true} for an ID) and fails later inside a field with an error that names
 * its own classes; the pipeline checks variables and arguments against these rules first.
 */
final class StrictScalars {

    /** What a bigint key can be: digits without leading zeros (SmallRye would read "007" as 0), at most 18 (more may overflow). */
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");

    private StrictScalars() {
    }

    /** What the value should have been, or null when it is fine (a list is checked element by element). */
    static String problem(String scalar, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                String p = problem(scalar, element);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        return switch (scalar) {
            case "ID" -> (value instanceof String || value instanceof Number) && INTEGER.matcher(value.toString()).matches()
                    ? null : "a positive integer";
            case "Int" -> isInt(value) ? null : "an Int (a whole number of 32 bits)";
            case "Float" -> value instanceof Number ? null : "a Float";
            case "Boolean" -> value instanceof Boolean ? null : "a Boolean";
            case "String" -> value instanceof String ? null : "a String";
            case "DateTime" -> isDateTime(value) ? null : "a DateTime (ISO-8601 with an offset, e.g. 2026-11-29T10:00:00Z)";
            default -> null;
        };
    }

    static String shown(Object value) {
        String s = String.valueOf(value);
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** What SmallRye's OffsetDateTime argument accepts (ISO_OFFSET_DATE_TIME); it failed inside the field before. */
    private static boolean isDateTime(Object value) {
        if (value instanceof java.time.temporal.TemporalAccessor) {
            return true; // already converted by the scalar
        }
        if (!(value instanceof String s)) {
            return false;
        }
        try {
            OffsetDateTime.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isInt(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return true;
        }
        if (value instanceof Number n) {
            try {
                new BigDecimal(n.toString()).intValueExact();
                return true;
            } catch (ArithmeticException | NumberFormatException e) {
                return false;
            }
        }
        return false;
    }
}

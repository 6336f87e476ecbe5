package io.relgraph.graphql;

/** Argument checks shared by every operation, so each rule and its message exists once. */
public final class Arguments {

    /** The width of every varchar column in the schema. */
    public static final int MAX_TEXT = 256;

    private Arguments() {
    }

    public static long id(String argument, Long value) {
        if (value == null || value <= 0) {
            throw ApiException.validation(argument + " must be a positive integer, got " + value);
        }
        return value;
    }

    /** An optional id: null stays null. */
    public static Long optionalId(String argument, Long value) {
        return value == null ? null : id(argument, value);
    }

    public static String text(String argument, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.validation(argument + " must not be empty");
        }
        return optionalText(argument, value);
    }

    public static String optionalText(String argument, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw ApiException.validation(argument + " must be at most " + MAX_TEXT + " characters, got " + value.length());
        }
        return value;
    }
}

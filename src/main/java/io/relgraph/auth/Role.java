package io.relgraph.auth;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The roles a token's {@code groups} claim may grant, each including the ones before it. */
public enum Role {
    READER,
    WRITER,
    ADMIN;

    /** The name used in tokens and messages: {@code reader}, {@code writer}, {@code admin}. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    public static Optional<Role> ofClaim(String claim) {
        for (Role r : values()) {
            if (r.claim().equals(claim)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The highest role among a token's groups; empty when it names none of them. */
    public static Optional<Role> highest(Collection<String> groups) {
        Role best = null;
        for (String g : groups) {
            Role r = ofClaim(g).orElse(null);
            if (r != null && (best == null || r.includes(best))) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }
}

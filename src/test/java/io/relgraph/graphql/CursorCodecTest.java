package io.relgraph.graphql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The cursor codec both engines use ({@link Keyset#parse}): a cursor is base64url of "order \n sort
 * value \n id"; it is split at the first and the last newline (names may hold newlines), valid only
 * for its own order, and anything else is refused. Plain JUnit.
 */
class CursorCodecTest {

    private static String cursor(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCursorIsItsOrderSortValueAndIdAndANameMayHoldNewlines() {
        assertArrayEquals(new String[] { "NAME_ASC", "line\nbreak", "42" }, Keyset.parse(cursor("NAME_ASC\nline\nbreak\n42"), "NAME_ASC", false));
        assertArrayEquals(new String[] { "ID_DESC", "", "7" }, Keyset.parse(cursor("ID_DESC\n\n7"), "ID_DESC", false));
        assertArrayEquals(new String[] { "DEPARTMENT_EMPLOYEE", "3", "9" },
                Keyset.parse(cursor("DEPARTMENT_EMPLOYEE\n3\n9"), "DEPARTMENT_EMPLOYEE", true));
    }

    @Test
    void aCursorOfAnotherOrderOrNotHandedOutIsRefused() {
        assertThrows(Keyset.ForeignCursor.class, () -> Keyset.parse(cursor("ID_ASC\n\n7"), "NAME_ASC", false));
        for (String bad : List.of("not-a-cursor!", "%%%", cursor("ID_ASC\n7"), cursor("ID_ASC\n\nseven"), cursor("NAME_ASC"))) {
            assertThrows(IllegalArgumentException.class, () -> Keyset.parse(bad, "ID_ASC", false), bad);
        }
        // a link cursor's sort value is a number
        assertThrows(IllegalArgumentException.class, () -> Keyset.parse(cursor("DEPARTMENT_EMPLOYEE\nx\n9"), "DEPARTMENT_EMPLOYEE", true));
    }

    @Test
    void theResolversPageStartsAfterTheCursorInItsOrder() {
        Keyset byNameDescending = new Keyset("department", "id, name", "name", false, "id", true, "NAME_DESC");
        Keyset.Query q = byNameDescending.page(List.of("name = ?"), List.of("x"), cursor("NAME_DESC\nMary\n12"), 3);
        assertEquals("select id, name from department where name = $1 and (name, id) < ($3, $2) order by name desc, id desc limit $4", q.sql());
        assertEquals(List.of("x", 12L, "Mary", 4), List.of(q.args().getValue(0), q.args().getValue(1), q.args().getValue(2), q.args().getValue(3)));
        ApiException foreign = assertThrows(ApiException.class, () -> byNameDescending.page(List.of(), List.of(), cursor("ID_ASC\n\n1"), 3));
        assertEquals(ErrorCode.VALIDATION, foreign.code());
    }
}

package io.relgraph.filter;

import static io.relgraph.GraphQL.unique;
import static io.relgraph.filter.Ask.column;
import static io.relgraph.filter.Ask.insert;
import static io.relgraph.filter.Ask.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Rule 5: startsWith, endsWith and contains match the text literally ({@code %}, {@code _} and
 * {@code \} are characters, not patterns); containsInsensitive folds case for all of Unicode, not
 * only ASCII ("öd" finds "Ödön"), on a database whose own locale is C.
 */
@QuarkusTest
class LiteralAndUnicodeMatchingTest {

    private static String p;

    @BeforeAll
    static void world() {
        p = unique("Text");
        for (String name : List.of("100%", "1000", "a_b", "axb", "back\\slash", "Ödön", "ÖDÖN Ltd", "odon", "ÉCOLE")) {
            insert("insert into employee (name) values (?) returning id", p + " " + name);
        }
    }

    private static List<String> names(String where) {
        return ok("query($p: String!) { employees(where: {name: {startsWith: $p}, and: [{" + where + "}]}) { name } }", "p", p + " ")
                .getList("data.employees.name");
    }

    private static List<String> expected(String sqlCondition, Object... params) {
        Object[] all = new Object[params.length + 1];
        all[0] = p + " %";
        System.arraycopy(params, 0, all, 1, params.length);
        return column("select name from employee where name like ? and " + sqlCondition + " order by id", all);
    }

    @Test
    void percentUnderscoreAndBackslashAreCharacters() {
        assertEquals(List.of(p + " 100%"), names("name: {endsWith: \"%\"}"));
        assertEquals(expected("strpos(name, '%') > 0"), names("name: {contains: \"%\"}"));
        assertEquals(List.of(p + " a_b"), names("name: {contains: \"_\"}"));
        assertEquals(expected("strpos(name, '_') > 0"), names("name: {contains: \"_\"}"));
        assertEquals(List.of(p + " back\\slash"), names("name: {contains: \"k\\\\s\"}"));
        // the prefix itself holds a pattern character: still literal
        assertEquals(List.of(p + " 100%"), ok("query($p: String!) { employees(where: {name: {startsWith: $p}}) { name } }", "p", p + " 100%")
                .getList("data.employees.name"));
        assertEquals(List.of(), names("name: {startsWith: \"" + p + " 1_0\"}"));
    }

    @Test
    void containsInsensitiveFoldsAllOfUnicode() {
        List<String> odon = names("name: {containsInsensitive: \"öd\"}");
        assertEquals(List.of(p + " Ödön", p + " ÖDÖN Ltd"), odon);
        assertEquals(expected("name in (?, ?)", p + " Ödön", p + " ÖDÖN Ltd"), odon);
        assertEquals(List.of(p + " ÉCOLE"), names("name: {containsInsensitive: \"écol\"}"));
        // "od" is not "öd": folding case is not stripping accents
        assertEquals(List.of(p + " odon"), names("name: {containsInsensitive: \"OD\"}"));
    }
}

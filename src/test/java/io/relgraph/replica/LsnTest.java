package io.relgraph.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** WAL positions as PostgreSQL writes them, read into numbers that compare as PostgreSQL compares them. */
class LsnTest {

    @Test
    void positionsReadAsPostgreSQLWritesThem() {
        assertEquals(0x16B3748L, Lsn.parse("0/16B3748"));
        assertEquals(0x16L << 32 | 0xB374D848L, Lsn.parse("16/B374D848"));
        assertEquals(Lsn.parse("16/B374D848"), Lsn.parse(" 16/b374d848 "), "case and surrounding blanks do not matter");
        assertEquals("16/B374D848", Lsn.format(Lsn.parse("16/B374D848")));
        assertEquals("FFFFFFFF/0", Lsn.format(Lsn.parse("FFFFFFFF/0")));
    }

    @Test
    void anythingElseIsNoPosition() {
        for (String bad : new String[] {null, "", " ", "latest", "16B3748", "0/", "/1", "1/2/3", "G/0", "123456789/0",
                "0/123456789", "-1/0", "0/0", "0x1/0"}) {
            assertEquals(-1, Lsn.parse(bad), String.valueOf(bad));
        }
    }

    @Test
    void positionsCompareUnsigned() {
        assertTrue(Lsn.atLeast(Lsn.parse("1/0"), Lsn.parse("0/FFFFFFFF")));
        assertFalse(Lsn.atLeast(Lsn.parse("0/FFFFFFFF"), Lsn.parse("1/0")));
        assertTrue(Lsn.atLeast(Lsn.parse("80000000/0"), Lsn.parse("7FFFFFFF/FFFFFFFF")), "past the sign bit");
        assertTrue(Lsn.atLeast(Lsn.parse("3/10"), Lsn.parse("3/10")), "equal is far enough");
    }
}

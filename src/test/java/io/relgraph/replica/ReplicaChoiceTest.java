package io.relgraph.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The rule that picks a replica from the probes' last findings. */
class ReplicaChoiceTest {

    private static final double MAX_LAG = 5;
    private static final ReplicaChoice.State FRESH = new ReplicaChoice.State(true, 0, 1000);
    private static final ReplicaChoice.State DOWN = new ReplicaChoice.State(false, Double.NaN, -1);
    private static final ReplicaChoice.State LAGGING = new ReplicaChoice.State(true, 6, 900);
    private static final ReplicaChoice.State UNKNOWN_LAG = new ReplicaChoice.State(true, Double.POSITIVE_INFINITY, 900);

    @Test
    void replicasTakeTurnsFromTheStartGiven() {
        List<ReplicaChoice.State> two = List.of(FRESH, FRESH);
        assertEquals(0, ReplicaChoice.choose(two, 0, MAX_LAG, -1).chosen());
        assertEquals(1, ReplicaChoice.choose(two, 1, MAX_LAG, -1).chosen());
    }

    @Test
    void aDownOrLaggingReplicaIsSkippedAndCounted() {
        ReplicaChoice.Choice c = ReplicaChoice.choose(List.of(DOWN, LAGGING, UNKNOWN_LAG, FRESH), 0, MAX_LAG, -1);
        assertEquals(3, c.chosen());
        assertEquals(List.of(0), c.downSkipped());
        assertEquals(List.of(1, 2), c.lagSkipped());
        assertEquals(5.0, MAX_LAG);
        assertEquals(0, ReplicaChoice.choose(List.of(new ReplicaChoice.State(true, 5, 1)), 0, MAX_LAG, -1).chosen(),
                "exactly the allowed lag is allowed");
    }

    @Test
    void noReplicaThatFitsMeansThePrimary() {
        ReplicaChoice.Choice c = ReplicaChoice.choose(List.of(DOWN, LAGGING), 1, MAX_LAG, -1);
        assertEquals(-1, c.chosen());
        assertEquals(-1, c.recheck(), "nothing to ask: the primary answers");
    }

    @Test
    void aReadWithAPositionTakesAReplicaThatReplayedThatFarElseAsksOneAgain() {
        ReplicaChoice.State behind = new ReplicaChoice.State(true, 0, 500);
        assertEquals(1, ReplicaChoice.choose(List.of(behind, FRESH), 0, MAX_LAG, 1000).chosen(), "the one that has replayed it");
        ReplicaChoice.Choice none = ReplicaChoice.choose(List.of(behind, DOWN), 0, MAX_LAG, 1000);
        assertEquals(-1, none.chosen());
        assertEquals(0, none.recheck(), "the fitting replica short of the position is asked again");
        ReplicaChoice.Choice unknown = ReplicaChoice.choose(List.of(new ReplicaChoice.State(true, 0, -1)), 0, MAX_LAG, 10);
        assertEquals(-1, unknown.chosen(), "an unknown replay position is not far enough");
        assertEquals(0, unknown.recheck());
        assertEquals(-1, ReplicaChoice.choose(List.of(LAGGING), 0, MAX_LAG, 10).recheck(), "a lagging replica is not asked");
    }
}

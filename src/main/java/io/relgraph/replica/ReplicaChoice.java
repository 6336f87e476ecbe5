package io.relgraph.replica;

import java.util.ArrayList;
import java.util.List;

/**
 * The rule that picks a replica for one query, from what the probes last found (pure, so that it is
 * tested alone): the replicas in turn from {@code start}; one that is down is skipped, one more than the
 * allowed lag behind is skipped, and for a read with a minimum position one whose last probed replay
 * position is short of it is passed over; the first that remains answers. When none remains but one
 * was passed over only for the position, that one is to be asked again ({@link Choice#recheck()}):
 * it may have replayed further since its probe.
 */
final class ReplicaChoice {

    /** What the last probe found of one replica; {@code replayLsn} -1 when unknown. */
    record State(boolean up, double lagSeconds, long replayLsn) {
    }

    /**
     * @param chosen the replica that answers, or -1
     * @param recheck when none was chosen: the replica to ask for its replay position now, or -1 (the primary answers)
     */
    record Choice(int chosen, int recheck, List<Integer> downSkipped, List<Integer> lagSkipped) {
    }

    private ReplicaChoice() {
    }

    static Choice choose(List<State> replicas, int start, double maxLagSeconds, long minLsn) {
        List<Integer> down = new ArrayList<>(0);
        List<Integer> lag = new ArrayList<>(0);
        int behind = -1;
        for (int k = 0; k < replicas.size(); k++) {
            int i = (start + k) % replicas.size();
            State s = replicas.get(i);
            if (!s.up()) {
                down.add(i);
            } else if (!(s.lagSeconds() <= maxLagSeconds)) {
                lag.add(i);
            } else if (minLsn >= 0 && (s.replayLsn() < 0 || !Lsn.atLeast(s.replayLsn(), minLsn))) {
                if (behind < 0) {
                    behind = i;
                }
            } else {
                return new Choice(i, -1, down, lag);
            }
        }
        return new Choice(-1, behind, down, lag);
    }
}

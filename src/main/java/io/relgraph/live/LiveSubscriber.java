package io.relgraph.live;

import java.time.Instant;

import io.relgraph.auth.TokenDeadline;
import io.relgraph.graphql.ApiException;
import io.vertx.core.Vertx;

/**
 * One live subscription's side of a shared {@link LiveQuery}: sends an answer only when it differs
 * from the last one this subscriber received, and at most one per {@code relgraph.live.min-interval}
 * (an answer that comes sooner waits, and is replaced by any newer one meanwhile). Messages go to
 * its {@link Out}: the shared answer's bytes on relgraph's WebSocket connection, or graphql-java's
 * results through Mutiny for SmallRye's handler ({@link LiveQueries}). When reads need a token, it
 * ends with {@code UNAUTHORIZED} when that token expires.
 */
final class LiveSubscriber {

    /** Where a subscriber's messages go. Called from any thread. */
    interface Out {
        void emit(LiveQuery.Answer answer);

        /** The last message: the error, with the last answer the subscriber had (or none), then the end. */
        void fail(ApiException error, LiveQuery.Answer last);
    }

    private final Out out;
    private final Vertx vertx;
    private final long minIntervalMillis;
    private final Runnable onMessage;

    // guarded by this
    private LiveQuery.Answer sent;
    private LiveQuery.Answer pending;
    private long sentAt = Long.MIN_VALUE / 2;
    private long timer = -1;
    private long expiry = -1;
    private boolean ended;

    LiveSubscriber(Out out, Vertx vertx, long minIntervalMillis, Runnable onMessage) {
        this.out = out;
        this.vertx = vertx;
        this.minIntervalMillis = minIntervalMillis;
        this.onMessage = onMessage;
    }

    void offer(LiveQuery.Answer answer) {
        synchronized (this) {
            if (ended) {
                return;
            }
            if (sent != null && sent.bytes().equals(answer.bytes())) {
                pending = null; // back to what this subscriber has: nothing to say
                return;
            }
            long wait = sentAt + minIntervalMillis - System.currentTimeMillis();
            if (wait > 0 || timer >= 0) {
                pending = answer;
                if (timer < 0) {
                    timer = vertx.setTimer(Math.max(1, wait), t -> flush());
                }
                return;
            }
            sent = answer;
            sentAt = System.currentTimeMillis();
        }
        emit(answer);
    }

    private void flush() {
        LiveQuery.Answer next;
        synchronized (this) {
            timer = -1;
            next = pending;
            pending = null;
            if (next == null || ended) {
                return;
            }
            sent = next;
            sentAt = System.currentTimeMillis();
        }
        emit(next);
    }

    private void emit(LiveQuery.Answer answer) {
        onMessage.run();
        out.emit(answer);
    }

    /** Ends the subscription with UNAUTHORIZED when its token expires. */
    void endAt(Instant deadline) {
        long millis = Math.max(1, deadline.toEpochMilli() - System.currentTimeMillis());
        synchronized (this) {
            expiry = vertx.setTimer(millis, t -> fail(TokenDeadline.expired(deadline)));
        }
    }

    /** Ends the subscription with one error (its query can no longer be answered, or its token expired). */
    void fail(ApiException error) {
        synchronized (this) {
            if (ended) {
                return;
            }
            end();
        }
        // with the last answer it was sent: graphql-java refuses a null for a non-null root (a list, a page)
        LiveQuery.Answer last;
        synchronized (this) {
            last = sent;
        }
        out.fail(error, last);
    }

    /** The subscriber went away (completed by the client, socket closed). */
    synchronized void end() {
        ended = true;
        if (expiry >= 0) {
            vertx.cancelTimer(expiry);
            expiry = -1;
        }
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
